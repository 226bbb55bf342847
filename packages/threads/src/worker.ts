import { parentPort, workerData } from 'node:worker_threads'
import { ErrorCodes, QuantumError, ThreadError } from '@quantum/ast'
import { createRuntime, type LogEntry, type PortableBody, toJson } from '@quantum/runtime'
import { openBodyServices } from '@quantum/runtime/services'
import type { FromWorker, ToWorker, WorkerResult, WorkerServicesConfig } from './protocol'

/**
 * One worker thread of the pool: builds its services once, then runs every body it is sent on its own
 * event loop, several at a time (most wait on sleep, HTTP or SQL), each with its own abort signal.
 */

const port = parentPort
if (!port) throw new Error('@quantum/threads: worker.js runs only as a worker thread of the pool')
const config = workerData as WorkerServicesConfig
const { services, close } = openBodyServices(config)
const running = new Map<number, { controller: AbortController; done: Promise<void> }>()

const post = (message: FromWorker) => port.postMessage(message)

port.on('message', receive)
post({ type: 'ready' })

function receive(message: ToWorker): void {
  if (message.type === 'batch') {
    for (const one of message.messages) receive(one)
  } else if (message.type === 'run') {
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
  const logger = { log: (entry: LogEntry) => post({ type: 'log', id, entry: portableEntry(entry) }) }
  const runtime = createRuntime({ ...services, logger }, config.limits ? { limits: config.limits } : {})
  let result: WorkerResult
  try {
    const { body, params } = JSON.parse(message.payload) as {
      body: PortableBody
      params?: Record<string, unknown>
    }
    // A thread's own `thread` scope: what the body writes there goes back to its starter.
    const vars = kind === 'thread' ? { ...params, thread: {} } : params
    const ran = await runtime.runBody(body, { kind, signal, ...(vars ? { vars } : {}) })
    result = { ok: true, output: ran.output }
    if (ran.result !== undefined) result.result = jsonSafe(ran.result)
    if (kind === 'thread') result.scope = ran.variables.thread as Record<string, unknown>
  } catch (error) {
    result = { ok: false, error: serialize(error) }
  }
  running.delete(id)
  post({ type: 'done', id, result })
}

/** Stop every body, wait for them to report, release the services, and let the thread end. */
async function shutDown() {
  for (const { controller } of running.values()) controller.abort('the thread pool is closing')
  await Promise.allSettled([...running.values()].map(({ done }) => done))
  await close()
  port?.close()
}

function portableEntry(entry: LogEntry): LogEntry {
  return entry.context === undefined ? entry : { ...entry, context: jsonSafe(entry.context) }
}

/** JSON-safe data, as the runtime renders values (dates as local ISO, query results as rows). */
function jsonSafe(value: unknown): unknown {
  return JSON.parse(toJson(value))
}

function serialize(error: unknown) {
  if (QuantumError.is(error)) return error.toJSON()
  const message = error instanceof Error ? error.message : String(error)
  return new ThreadError(ErrorCodes.THREAD_ERROR, message).toJSON()
}
