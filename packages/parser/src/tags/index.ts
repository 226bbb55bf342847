import type { AnySyntaxHandler } from '../syntax/registry'
import { actionTag } from './action'
import { argTag } from './arg'
import { breakTag } from './break'
import { columnTag } from './column'
import { applicationTag, componentTag } from './component'
import { continueTag } from './continue'
import { computeTag, dataTag, filterTag, limitTag, sortTag, transformTag } from './data'
import { dumpTag } from './dump'
import { fieldTag } from './field'
import { functionTag } from './function'
import { headerTag } from './header'
import { elseifTag, elseTag, ifTag } from './if'
import { invokeTag } from './invoke'
import { jobTag } from './job'
import { logTag } from './log'
import { loopTag } from './loop'
import { attachmentTag, bodyTag, mailTag } from './mail'
import { paramTag } from './param'
import { queryTag } from './query'
import { redirectTag } from './redirect'
import { returnTag } from './return'
import { scheduleTag } from './schedule'
import { setTag } from './set'
import { sleepTag } from './sleep'
import { threadTag } from './thread'
import { throwTag } from './throw'
import { catchTag, finallyTag, tryTag } from './try'

/** Every built-in tag, installed by `new TagRegistry(builtinTags)`. */
export const builtinTags: readonly AnySyntaxHandler[] = [
  componentTag,
  applicationTag,
  setTag,
  ifTag,
  elseifTag,
  elseTag,
  loopTag,
  breakTag,
  continueTag,
  functionTag,
  paramTag,
  argTag,
  returnTag,
  invokeTag,
  headerTag,
  queryTag,
  mailTag,
  bodyTag,
  attachmentTag,
  logTag,
  throwTag,
  tryTag,
  catchTag,
  finallyTag,
  sleepTag,
  dataTag,
  transformTag,
  filterTag,
  sortTag,
  limitTag,
  computeTag,
  columnTag,
  fieldTag,
  actionTag,
  redirectTag,
  dumpTag,
  scheduleTag,
  threadTag,
  jobTag,
]
