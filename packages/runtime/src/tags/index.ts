import type { HandlerMap } from '../execute'
import type { Register } from '../run/registers'
import { breakHandler } from './break'
import { continueHandler } from './continue'
import { data } from './data'
import { dump } from './dump'
import { element } from './element'
import { functionHandler } from './function'
import { ifHandler } from './if'
import { invoke } from './invoke'
import { job } from './job'
import { log } from './log'
import { loop } from './loop'
import { mail } from './mail'
import { batchParam } from './param'
import { query } from './query'
import { redirect } from './redirect'
import { returnHandler } from './return'
import { schedule } from './schedule'
import { set } from './set'
import { sleep } from './sleep'
import { text } from './text'
import { thread, threadStates } from './thread'
import { throwHandler } from './throw'
import { tryHandler } from './try'

/** One execution handler per statement type; `createRuntime` installs these, a host may replace any. */
export const builtinHandlers: HandlerMap = {
  set,
  if: ifHandler,
  loop,
  break: breakHandler,
  continue: continueHandler,
  return: returnHandler,
  throw: throwHandler,
  try: tryHandler,
  sleep,
  log,
  dump,
  function: functionHandler,
  invoke,
  query,
  mail,
  data,
  redirect,
  schedule,
  thread,
  job,
  element,
  text,
  param: batchParam,
}

/** Read-only variables the built-in tags publish in every run, each the value of a register. */
export const builtinNames: ReadonlyMap<string, Register<unknown>> = new Map([['thread', threadStates]])
