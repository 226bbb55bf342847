import { parentPort, workerData } from 'node:worker_threads'
import { ErrorCodes, type FunctionNode, type ParamNode, ScheduleError, ThreadError } from '@quantum/ast'
import { connectToHost } from '../bridge/hostServices'
import { isBridgeMessage } from '../bridge/protocol'
import { jsonSafe, portableLogEntry, serializeError } from '../jobs/crossing'
import type { PortableBody } from '../jobs/types'
import { createRuntime } from '../runtime'
import { openBodyServices } from '../services/bodyServices'
import type { LogEntry } from '../services/types'
import { Outbox } from './outbox'
import { type BodyThreadData, bodyScope, type FromWorker, type ToWorker, type WorkerResult } from './protocol'

/**
 * A body thread (built to `dist/bodyThread.js`): the one worker script of the thread pool and of the
 * scheduler's fire workers. It builds its services once, then runs every body it is sent on its own
 * event loop, several at a time (most wait on sleep, HTTP, SQL or their due instant), each with its own
 * abort signal.
 */

const port = parentPort
if (!port) throw new Error('@quantum/runtime: bodyThread.js runs only as a worker thread')
const config = (workerData as BodyThreadData).services
const { services, close } = openBodyServices(config)
/** The services the host lends bodies (its queue, store, thread pool, component loader). */
const host = connectToHost((message) => outbox.post(message))

interface Running {
  controller: AbortController
  done: Promise<void>
  /** False while the body is held before its `startAt`. */
  started: boolean
}

const running = new Map<number, Running>()
/** Bodies the pool sends again and again, parsed once, by the key the pool gave them. */
const kept = new Map<number, PortableBody>()
/** The functions bodies may call, parsed once, by the key the pool gave them. */
const functions = new Map<number, FunctionNode>()
let shuttingDown: Promise<void> | undefined

/** What goes to the pool: at once while no other body runs (the pool waits on it), else at the turn's end. */
const outbox = new Outbox<FromWorker>(
  (message) => port?.postMessage(message),
  () => running.size === 0,
)

port.on('message', receive)
// Alone, never batched: the pool starts a body's clock when this arrives, before the body's own messages.
port.postMessage({ type: 'ready' } satisfies FromWorker)

function receive(message: ToWorker | 'cancel'): void {
  if (message === 'cancel') {
    // Bree's stop(): it may terminate the thread once we answer, so the services close first (a SQLite
    // datasource still closing when the thread is torn down aborts the whole process).
    void shutDown('the worker is stopping').then(() => {
      port?.postMessage('cancelled')
      port?.close()
    })
  } else if (isBridgeMessage(message)) {
    host.receive(message)
  } else if (message.type === 'batch') {
    for (const one of message.messages) receive(one)
  } else if (message.type === 'run') {
    keepFunctions(message)
    const body: Running = { controller: new AbortController(), done: Promise.resolve(), started: false }
    running.set(message.id, body)
    body.done = run(message, body)
  } else if (message.type === 'abort') {
    const body = running.get(message.id)
    if (body && !(message.held && body.started)) body.controller.abort(message.reason)
  } else {
    void shutDown('the pool is closing').then(() => port?.close())
  }
}

async function run(message: Extract<ToWorker, { type: 'run' }>, body: Running): Promise<void> {
  const { id, kind } = message
  const { signal } = body.controller
  let result: WorkerResult
  const scope = bodyScope(id)
  try {
    if (message.startAt !== undefined) {
      await holdUntil(message.startAt, signal)
      signal.throwIfAborted()
      outbox.post({ type: 'started', id, at: Date.now() })
    }
    body.started = true
    const logger = {
      log: (entry: LogEntry) => outbox.post({ type: 'log', id, entry: portableLogEntry(entry) }),
    }
    const runtime = createRuntime(
      { ...services, ...host.servicesFor(scope, message.lent ?? []), logger },
      config.limits ? { limits: config.limits } : {},
    )
    const portable = bodyOf(message)
    const params =
      message.params === undefined ? undefined : (JSON.parse(message.params) as Record<string, unknown>)
    // A thread's own `thread` scope: what the body writes there goes back to its starter.
    const vars = kind === 'thread' ? { ...params, thread: {} } : params
    const defaults =
      message.defaults === undefined ? undefined : (JSON.parse(message.defaults) as ParamNode[])
    const ran = await runtime.runBody(portable, {
      kind,
      signal,
      ...(vars ? { vars } : {}),
      ...(defaults ? { defaults } : {}),
    })
    result = { ok: true, output: ran.output }
    if (ran.result !== undefined) result.result = jsonSafe(ran.result)
    if (kind === 'thread') result.scope = ran.variables.thread as Record<string, unknown>
    if (kind === 'schedule') result.component = ran.component ?? {}
  } catch (error) {
    result = { ok: false, error: serializeError(error, kind === 'schedule' ? scheduleError : threadError) }
  }
  host.endScope(scope)
  running.delete(id)
  outbox.post({ type: 'done', id, result })
}

/**
 * Never early, and never blocking the thread's other bodies: sleep until the instant, then look again
 * each millisecond (a timer may wake a little before `Date.now()` reaches its instant).
 */
async function holdUntil(startAt: number, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const wait = startAt - Date.now()
    if (wait <= 0) return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, wait > 2 ? wait - 1 : 1)
      signal.addEventListener('abort', done, { once: true })
      function done() {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        resolve()
      }
    })
  }
}

/**
 * The body of a `run` message: parsed from it, kept under its key, or kept from an earlier one; with
 * its functions from those kept by key, when the message names them so.
 */
function bodyOf(message: Extract<ToWorker, { type: 'run' }>): PortableBody {
  const body = portableOf(message)
  if (message.functions === undefined) return body
  return { ...body, functions: message.functions.map(keptFunction) }
}

/** Keep the functions a `run` message defines, drop those it lets go: in the order the pool sent them. */
function keepFunctions(message: Extract<ToWorker, { type: 'run' }>) {
  for (const key of message.drop ?? []) functions.delete(key)
  for (const [key, json] of message.define ?? []) functions.set(key, JSON.parse(json) as FunctionNode)
}

function keptFunction(key: number): FunctionNode {
  const fn = functions.get(key)
  if (!fn) throw new ThreadError(ErrorCodes.THREAD_ERROR, `The worker holds no function under key ${key}`)
  return fn
}

function portableOf(message: Extract<ToWorker, { type: 'run' }>): PortableBody {
  if (message.forget !== undefined) kept.delete(message.forget)
  if (message.key === undefined) return JSON.parse(message.body as string) as PortableBody
  let body = kept.get(message.key)
  if (message.body !== undefined || !body) {
    body = JSON.parse(message.body as string) as PortableBody
    kept.set(message.key, body)
  }
  return body
}

/** Stop every body, wait for them to report, release the services: once, whoever asks first. */
function shutDown(reason: string): Promise<void> {
  shuttingDown ??= (async () => {
    for (const { controller } of running.values()) controller.abort(reason)
    await Promise.allSettled([...running.values()].map(({ done }) => done))
    host.close(reason)
    await close()
    outbox.flush()
  })()
  return shuttingDown
}

const threadError = (message: string) => new ThreadError(ErrorCodes.THREAD_ERROR, message)
const scheduleError = (message: string) => new ScheduleError(ErrorCodes.SCHEDULE_ERROR, message)
