import type { ActiveJob, Processor, QueueAdapter, QueueJobService, Settlement } from '@quantum/queue'
import { createJobService } from '@quantum/queue'
import type { BodyExecutor, Logger } from '@quantum/runtime'
import type { Store } from '@quantum/store'
import { plural } from '../format/plural'
import { oneLine, stamp } from './eventLines'
import type { HostConsole } from './hostConsole'
import { trackRunning } from './runningJobs'

/** What {@link createQueueHost} needs. */
export interface QueueHostOptions {
  queue: QueueAdapter
  store: Store
  /** Runs `.q` job bodies off the main thread: the thread pool. */
  executor: BodyExecutor
  /** Receives the log lines of job bodies (`[job:NAME] …`). */
  logger: Logger
  console: HostConsole
  /** Also receives every settled attempt (the metrics). */
  onSettled?: (job: ActiveJob, settlement: Settlement) => void
}

/** A queue host's attempts since it started. */
export interface JobStats {
  /** Attempts that completed their job. */
  completed: number
  /** Attempts that failed and left the job to run again. */
  retried: number
  /** Attempts that failed for good (the job is `failed`). */
  failed: number
  /** Attempts whose lease was lost first: another worker has the job. */
  refused: number
  running: number
}

/** How long a stop waits for running jobs when `graceMs` is not given (the adapters' default). */
const DEFAULT_GRACE_MS = 10_000

/** How a host serves queues: which, how many jobs at once, how long a stop waits. */
export interface ServeQueues {
  /** @defaultValue every queue */
  queues?: readonly string[]
  concurrency: number
  /** How long a stop lets running jobs finish before handing them back. @defaultValue 10_000 */
  graceMs?: number
}

/** Queue jobs run by this process: `quantum worker start` and `quantum run --serve`. */
export interface QueueHost {
  /** The runtime's JobService (`q:job` define and dispatch), over the same queue and store. */
  readonly service: QueueJobService
  /** Start taking jobs. */
  start(serve: ServeQueues): void
  /** Stop taking jobs; running ones finish within the grace, the rest go back to the queue. */
  stop(): Promise<void>
  /** Attempts by how they ended, and running now. */
  stats(): JobStats
}

/** A job service on `queue` whose attempts become lines on `console` (`completed NAME #ID on QUEUE`…). */
export function createQueueHost(options: QueueHostOptions): QueueHost {
  const { console } = options
  const { queue, running } = trackRunning(options.queue)
  const service = createJobService({
    queue,
    store: options.store,
    executor: options.executor,
    logger: options.logger,
  })
  const counts = { completed: 0, retried: 0, failed: 0, refused: 0 }
  /** Attempts that ended while a stop waited: the others it hands back. */
  let endedWhileStopping: Set<string> | undefined
  let processor: Processor | undefined
  let graceMs: number | undefined
  const onSettled = (job: ActiveJob, settlement: Settlement) => {
    endedWhileStopping?.add(job.id)
    counts[settlement.outcome === 'retrying' ? 'retried' : settlement.outcome]++
    options.onSettled?.(job, settlement)
    console.out(`${stamp(new Date())} ${settlementLine(job, settlement)}`)
  }
  return {
    service,
    start(serve) {
      if (processor) return
      graceMs = serve.graceMs
      processor = service.work({
        ...(serve.queues ? { queues: serve.queues } : {}),
        concurrency: serve.concurrency,
        onSettled,
      })
    },
    async stop() {
      const waiting = [...running.values()]
      if (waiting.length > 0) {
        const seconds = (graceMs ?? DEFAULT_GRACE_MS) / 1000
        console.out(`Waiting up to ${seconds} s for ${plural(waiting.length, 'running job')}…`)
      }
      endedWhileStopping = new Set()
      await processor?.stop(graceMs)
      const handedBack = waiting.filter((job) => !endedWhileStopping?.has(job.id))
      if (handedBack.length > 0) {
        const jobs = handedBack.map((job) => `${job.name} #${job.id}`).join(', ')
        console.out(
          `Handed back to the queue after the grace: ${plural(handedBack.length, 'job')} (${jobs}).`,
        )
      }
    },
    stats() {
      return { ...counts, running: processor?.running ?? 0 }
    },
  }
}

/** `completed send-mail #42 on mail attempt 1`, `retrying … at <instant>: error`, `failed …: error`. */
export function settlementLine(
  job: Pick<ActiveJob, 'name' | 'id' | 'queue' | 'attempt'>,
  settlement: Settlement,
): string {
  const head = `${job.name} #${job.id} on ${job.queue} attempt ${job.attempt}`
  const error =
    settlement.outcome === 'completed' || !settlement.error ? '' : `: ${oneLine(settlement.error.message)}`
  if (settlement.outcome === 'retrying') return `retrying ${head} at ${settlement.runAt}${error}`
  return `${settlement.outcome} ${head}${error}`
}
