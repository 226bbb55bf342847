import type { QueueStats } from '@quantum/queue'
import type { ControlEvent, RunRecord, WorkerRecord } from '@quantum/store'
import type { Deployment } from './deployment'
import { jobView, scheduleView } from './views'

/** One event as it goes to the browser: its SSE event name and its JSON data. */
export interface LiveEvent {
  event: 'control' | 'runs' | 'schedule' | 'scheduleRemoved' | 'job' | 'queues' | 'workers'
  data: unknown
}

export type LiveListener = (event: LiveEvent) => void

/** How long changes gather before they are read and sent: one read serves a burst of changes. */
const GATHER_MS = 100
/** Queue counts are read at most this often: on a busy SQLite store every poll sees a change. */
const QUEUES_MS = 500
/** How often the worker list is read: a worker that died announces nothing, its heartbeat just expires. */
const WORKERS_MS = 5_000

/**
 * What changed in the deployment, pushed to every connected client, from whichever process made the
 * change. Nothing re-reads whole tables on a timer: the store's `watch` tells control events and
 * `watchRuns` every history row (SQLite: rows past the last id seen; Redis: a publish), and the queue's
 * `onChange` that jobs changed; from those the hub reads only what they touched (one schedule, one job,
 * the queue counts, at most every {@link QUEUES_MS}) and sends what differs. Only the
 * workers, whose expiry no process announces, are read every few seconds, and sent when they changed.
 * Watching starts with the first client and stops with the last.
 */
export class LiveHub {
  readonly #deployment: Deployment
  readonly #onError: (error: Error) => void
  readonly #listeners = new Set<LiveListener>()
  #stops: (() => Promise<void>)[] = []
  #starting: Promise<void> | undefined
  #workersTimer: NodeJS.Timeout | undefined
  #gatherTimer: NodeJS.Timeout | undefined
  #flushing: Promise<void> = Promise.resolve()
  #runs: RunRecord[] = []
  #schedules = new Set<string>()
  #jobs = new Set<string>()
  #queuesDirty = false
  #lastQueues = ''
  #queuesReadAt = 0
  #lastWorkers = ''

  constructor(deployment: Deployment, onError: (error: Error) => void) {
    this.#deployment = deployment
    this.#onError = onError
  }

  /** Adds a client; resolves once the store's changes are being watched. The result removes it. */
  async subscribe(listener: LiveListener): Promise<() => Promise<void>> {
    this.#listeners.add(listener)
    try {
      this.#starting ??= this.#start()
      await this.#starting
    } catch (error) {
      this.#starting = undefined
      this.#listeners.delete(listener)
      throw error
    }
    return async () => {
      this.#listeners.delete(listener)
      if (this.#listeners.size === 0) await this.#stop()
    }
  }

  /** Something changed through this server (an action): read what it touched and send it. */
  changed(touched: { schedule?: string; jobs?: readonly string[]; queues?: boolean }): void {
    // Nobody listening: nothing to gather (the first client reads everything afresh anyway).
    if (this.#listeners.size === 0) return
    if (touched.schedule !== undefined) this.#schedules.add(touched.schedule)
    for (const id of touched.jobs ?? []) this.#jobs.add(id)
    if (touched.queues || touched.jobs) this.#queuesDirty = true
    this.#gather()
  }

  async close(): Promise<void> {
    this.#listeners.clear()
    await this.#stop()
  }

  async #start(): Promise<void> {
    const { store, queue } = this.#deployment
    this.#lastQueues = JSON.stringify(await queue.queues())
    this.#lastWorkers = workersKey(await store.workers())
    this.#stops.push(await store.watch((event) => this.#control(event)))
    this.#stops.push(await store.watchRuns((run) => this.#run(run)))
    const stopQueue = await queue.onChange(() => this.changed({ queues: true }))
    this.#stops.push(async () => stopQueue())
    this.#workersTimer = setInterval(() => this.#checkWorkers(), WORKERS_MS).unref()
  }

  async #stop(): Promise<void> {
    const starting = this.#starting
    this.#starting = undefined
    await starting?.catch(() => undefined)
    clearInterval(this.#workersTimer)
    clearTimeout(this.#gatherTimer)
    this.#gatherTimer = undefined
    const stops = this.#stops
    this.#stops = []
    await Promise.allSettled(stops.map((stop) => stop()))
    await this.#flushing
    this.#runs = []
    this.#schedules.clear()
    this.#jobs.clear()
    this.#queuesDirty = false
  }

  #control(event: ControlEvent): void {
    this.#send({ event: 'control', data: event })
    if (event.kind === 'schedule') this.#schedules.add(event.name)
    this.#gather()
  }

  #run(run: RunRecord): void {
    this.#runs.push(run)
    if (run.kind === 'schedule') this.#schedules.add(run.name)
    else {
      if (run.runId !== null) this.#jobs.add(run.runId)
      this.#queuesDirty = true
    }
    this.#gather()
  }

  #gather(): void {
    if (this.#gatherTimer || this.#listeners.size === 0) return
    this.#gatherTimer = setTimeout(() => {
      this.#gatherTimer = undefined
      // Flushes run one after another, so events leave in the order their changes were heard.
      this.#flushing = this.#flushing.then(() => this.#flush()).catch((error) => this.#onError(error))
    }, GATHER_MS)
  }

  async #flush(): Promise<void> {
    const { store, queue } = this.#deployment
    const runs = this.#runs
    const schedules = [...this.#schedules]
    const jobs = [...this.#jobs]
    const wait = this.#queuesReadAt + QUEUES_MS - Date.now()
    const queuesDirty = this.#queuesDirty && wait <= 0
    this.#runs = []
    this.#schedules.clear()
    this.#jobs.clear()
    if (this.#queuesDirty && !queuesDirty) setTimeout(() => this.#gather(), wait).unref()
    else this.#queuesDirty = false
    if (runs.length > 0) this.#send({ event: 'runs', data: runs })
    for (const name of schedules) {
      const record = await store.getSchedule(name)
      if (record) this.#send({ event: 'schedule', data: await scheduleView(store, record) })
      else this.#send({ event: 'scheduleRemoved', data: { name } })
    }
    for (const id of jobs) {
      const job = await queue.get(id)
      this.#send({ event: 'job', data: job ? jobView(job) : { id, removed: true } })
    }
    if (queuesDirty) {
      this.#queuesReadAt = Date.now()
      this.#sendQueues(await queue.queues())
    }
  }

  #sendQueues(queues: QueueStats[]): void {
    const key = JSON.stringify(queues)
    if (key === this.#lastQueues) return
    this.#lastQueues = key
    this.#send({ event: 'queues', data: queues })
  }

  #checkWorkers(): void {
    this.#deployment.store.workers().then(
      (workers) => {
        const key = workersKey(workers)
        if (key === this.#lastWorkers) return
        this.#lastWorkers = key
        this.#send({ event: 'workers', data: workers })
      },
      (error: Error) => this.#onError(error),
    )
  }

  #send(event: LiveEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event)
      } catch (error) {
        this.#onError(error as Error)
      }
    }
  }
}

/** What makes the worker list different for a viewer: who is there and what they host, not heartbeats. */
function workersKey(workers: WorkerRecord[]): string {
  return JSON.stringify(workers.map(({ id, details }) => [id, details]))
}
