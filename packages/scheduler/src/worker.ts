import { parentPort, workerData } from 'node:worker_threads'
import { ErrorCodes, ScheduleError } from '@quantum/ast'
import {
  createRuntime,
  jsonSafe,
  type LogEntry,
  type PortableBody,
  portableLogEntry,
  serializeError,
} from '@quantum/runtime'
import { connectToHost, openBodyServices } from '@quantum/runtime/services'
import type { FireResult, FireWorkerData, FromFireWorker, ToFireWorker } from './protocol'

/**
 * A schedule's fires in a Bree worker thread: build the services once, and for each fire wait for the
 * due instant (a timer, then short blocking waits, so the body never starts early), run the body and
 * report. The worker stays warm for the next fire until the scheduler releases it.
 */

const port = parentPort
if (!port) throw new Error('@quantum/scheduler: worker.js runs only as a Bree worker thread')
const { services: config, lent } = workerData as FireWorkerData
const { services, close } = openBodyServices(config)
const host = connectToHost((message) => port.postMessage(message))
let fires = 0
let closing: Promise<void> | undefined
/** Close the services once, whoever asks first (a release, or Bree's stop). */
const closeOnce = () => {
  host.close('the schedule worker is stopping')
  closing ??= close()
  return closing
}
let controller = new AbortController()
let running = false

const post = (message: FromFireWorker | 'done' | 'cancelled') => port.postMessage(message)

port.on('message', (message: ToFireWorker | 'cancel') => {
  if (host.receive(message)) return
  if (message === 'cancel') {
    // Bree's stop(): it terminates the thread once we answer, so the services close first. A SQLite
    // datasource still closing when the thread is torn down aborts the whole process (sqlite3 calls
    // back into a dying environment): a release's close may be in flight right now.
    controller.abort('the scheduler is stopping')
    void closeOnce().finally(() => post('cancelled'))
  } else if (message.type === 'abort') {
    if (message.held && running) return
    controller.abort(message.reason)
    if (!running) void finish()
  } else if (message.type === 'release') {
    void finish()
  } else {
    controller = new AbortController()
    void fire(message)
  }
})
post({ type: 'ready' })

async function fire(message: Extract<ToFireWorker, { type: 'fire' }>) {
  const own = controller
  await holdUntil(message.startAt)
  if (own.signal.aborted) return finish()
  running = true
  const logger = { log: (entry: LogEntry) => post({ type: 'log', entry: portableLogEntry(entry) }) }
  const scope = `fire-${++fires}`
  const runtime = createRuntime(
    { ...services, ...host.servicesFor(scope, lent), logger },
    config.limits ? { limits: config.limits } : {},
  )
  let timedOut = false
  let timer: NodeJS.Timeout | undefined
  if (message.timeoutMs !== undefined) {
    const ms = message.timeoutMs
    timer = setTimeout(() => {
      timedOut = true
      own.abort(`the fire timed out after ${ms} ms`)
    }, ms)
  }
  let result: FireResult
  try {
    const { body } = JSON.parse(message.payload) as { body: PortableBody }
    post({ type: 'started', at: Date.now() })
    const ran = await runtime.runBody(body, { kind: 'schedule', signal: own.signal })
    result = { ok: true, output: ran.output, component: ran.component ?? {} }
    if (ran.result !== undefined) result.result = jsonSafe(ran.result)
  } catch (error) {
    result = { ok: false, error: serializeError(error, scheduleError), timedOut }
  }
  clearTimeout(timer)
  host.endScope(scope)
  running = false
  post({ type: 'result', at: Date.now(), result })
}

/** Blocks this thread for a fraction of a millisecond (an empty spin loop is optimised away by the bundler). */
const TICK = new Int32Array(new SharedArrayBuffer(4))

/** Never early: sleep until close to `startAt`, then wait out the last milliseconds in small blocking steps (timers may wake early by ~1 ms). */
async function holdUntil(startAt: number) {
  const SPIN_MS = 2
  while (startAt - Date.now() > SPIN_MS && !controller.signal.aborted) {
    await new Promise((resolve) => setTimeout(resolve, startAt - Date.now() - SPIN_MS))
  }
  while (Date.now() < startAt) Atomics.wait(TICK, 0, 0, 0.1)
}

async function finish() {
  await closeOnce()
  post('done')
}

const scheduleError = (message: string) => new ScheduleError(ErrorCodes.SCHEDULE_ERROR, message)
