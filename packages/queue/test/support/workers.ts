import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { waitFor } from './wait'

const script = fileURLToPath(new URL('../fixtures/worker.mjs', import.meta.url))

/** A worker child process (`test/fixtures/worker.mjs`) and what it told the parent. */
export interface WorkerProcess {
  child: ChildProcess
  messages: Record<string, unknown>[]
  exited: Promise<unknown>
  /** The first message `match` accepts (waits for it). */
  message(
    match: (message: Record<string, unknown>) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>
  kill(signal?: NodeJS.Signals): Promise<void>
}

/** Starts workers and kills whatever is still running at the end of a test. */
export class Workers {
  readonly #all: WorkerProcess[] = []

  /** Starts a worker; `ready: false` does not wait for it to say it is ready (it may die first). */
  async start(config: Record<string, unknown>, mode: string, { ready = true } = {}): Promise<WorkerProcess> {
    const child = fork(script, [JSON.stringify(config), mode], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const messages: Record<string, unknown>[] = []
    child.on('message', (message) => messages.push(message as Record<string, unknown>))
    const exited = new Promise((resolve) => child.once('exit', resolve))
    const worker: WorkerProcess = {
      child,
      messages,
      exited,
      message: (match, what, timeoutMs = 15_000) => waitFor(() => messages.find(match), what, timeoutMs),
      async kill(signal = 'SIGKILL') {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal)
        await exited
      },
    }
    this.#all.push(worker)
    if (ready) await worker.message((message) => message.ready === true, 'the worker to start')
    return worker
  }

  async killAll(): Promise<void> {
    await Promise.all(this.#all.splice(0).map((worker) => worker.kill()))
  }
}
