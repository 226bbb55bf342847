import type { HandlerMap } from '../execute'
import { breakHandler, continueHandler, functionHandler, ifHandler, returnHandler } from './control'
import { data } from './data'
import { throwHandler, tryHandler } from './errors'
import { invoke } from './invoke'
import { batchParam, job } from './job'
import { dump, log } from './log'
import { loop } from './loop'
import { mail } from './mail'
import { element, redirect, text } from './output'
import { query } from './query'
import { schedule } from './schedule'
import { set } from './set'
import { sleep } from './sleep'
import { thread } from './thread'

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
