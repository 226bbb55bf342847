import { parentPort, workerData } from 'node:worker_threads'
import { ErrorCodes, type FunctionNode, type ParamNode, ThreadError } from '@quantum/ast'
import {
  createRuntime,
  jsonSafe,
  type LogEntry,
  type PortableBody,
  portableLogEntry,
  serializeError,
} from '@quantum/runtime'
import { connectToHost, isBridgeMessage, openBodyServices } from '@quantum/runtime/services'
import { Outbox } from './outbox'
import {
  bodyScope,
  type FromWorker,
  type ToWorker,
  type WorkerResult,
  type WorkerServicesConfig,
} from './protocol'

/**
 * One worker thread of the pool: builds its services once, then runs every body it is sent on its own
 * event loop, several at a time (most wait on sleep, HTTP or SQL), each with its own abort signal.
 */

const port = parentPort
if (!port) throw new Error('@quantum/threads: worker.js runs only as a worker thread of the pool')
const config = workerData as WorkerServicesConfig
const { services, close } = openBodyServices(config)
/** The services the host lends bodies (its queue, store, thread pool, component loader). */
const host = connectToHost((message) => outbox.post(message))
const running = new Map<number, { controller: AbortController; done: Promise<void> }>()
/** Bodies the pool sends again and again, parsed once, by the key the pool gave them. */
const kept = new Map<number, PortableBody>()
/** The functions bodies may call, parsed once, by the key the pool gave them. */
const functions = new Map<number, FunctionNode>()

/** What goes to the pool: at once while no other body runs (the pool waits on it), else at the turn's end. */
const outbox = new Outbox<FromWorker>(
  (message) => port?.postMessage(message),
  () => running.size === 0,
)

port.on('message', receive)
// Alone, never batched: the pool starts a body's clock when this arrives, before the body's own messages.
port.postMessage({ type: 'ready' } satisfies FromWorker)

function receive(message: ToWorker): void {
  if (isBridgeMessage(message)) {
    host.receive(message)
  } else if (message.type === 'batch') {
    for (const one of message.messages) receive(one)
  } else if (message.type === 'run') {
    keepFunctions(message)
    const body = { controller: new AbortController(), done: Promise.resolve() }
    running.set(message.id, body)
    body.done = run(message, body.controller.signal)
  } else if (message.type === 'abort') {
    running.get(message.id)?.controller.abort(message.reason)
  } else {
    void shutDown()
  }
}

async function run(message: Extract<ToWorker, { type: 'run' }>, signal: AbortSignal): Promise<void> {
  const { id, kind } = message
  const logger = {
    log: (entry: LogEntry) => outbox.post({ type: 'log', id, entry: portableLogEntry(entry) }),
  }
  const scope = bodyScope(id)
  const runtime = createRuntime(
    { ...services, ...host.servicesFor(scope, message.lent ?? []), logger },
    config.limits ? { limits: config.limits } : {},
  )
  let result: WorkerResult
  try {
    const body = bodyOf(message)
    const params =
      message.params === undefined ? undefined : (JSON.parse(message.params) as Record<string, unknown>)
    // A thread's own `thread` scope: what the body writes there goes back to its starter.
    const vars = kind === 'thread' ? { ...params, thread: {} } : params
    const defaults =
      message.defaults === undefined ? undefined : (JSON.parse(message.defaults) as ParamNode[])
    const ran = await runtime.runBody(body, {
      kind,
      signal,
      ...(vars ? { vars } : {}),
      ...(defaults ? { defaults } : {}),
    })
    result = { ok: true, output: ran.output }
    if (ran.result !== undefined) result.result = jsonSafe(ran.result)
    if (kind === 'thread') result.scope = ran.variables.thread as Record<string, unknown>
  } catch (error) {
    result = { ok: false, error: serializeError(error, threadError) }
  }
  host.endScope(scope)
  running.delete(id)
  outbox.post({ type: 'done', id, result })
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

/** Stop every body, wait for them to report, release the services, and let the thread end. */
async function shutDown() {
  for (const { controller } of running.values()) controller.abort('the thread pool is closing')
  await Promise.allSettled([...running.values()].map(({ done }) => done))
  host.close('the thread pool is closing')
  await close()
  outbox.flush()
  port?.close()
}

const threadError = (message: string) => new ThreadError(ErrorCodes.THREAD_ERROR, message)
