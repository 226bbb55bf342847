import { hostname } from 'node:os'
import type { SerializedError } from '@quantum/ast'
import type BeeQueue from 'bee-queue'
import type {
  FinishOptions,
  JobFilter,
  JobHandler,
  JobQuery,
  JobReceipt,
  JobStatus,
  NewJob,
  ProcessOptions,
  Processor,
  ProgressListener,
  QueueAdapter,
  QueueJob,
  QueueStats,
  Settlement,
} from '../contract'
import { retryDelayMs } from '../internal/backoff'
import { closedError, queueError } from '../internal/errors'
import { Finishes } from '../internal/finishes'
import { type NormalJob, normalizeJob } from '../internal/newJob'
import { emptyStats } from '../internal/stats'
import { iso } from '../internal/time'
import { warnOnce } from '../internal/warnings'
import { type BeeModule, command, pipeline, Turn, type V3Client } from './client'
import type { BeeJobData } from './jobData'
import { stateOf, toJob } from './jobData'
import { indexMember, type JobAddress, jobId, Keys, parseJobId } from './keys'
import { countJobs, type Listing, listJobs } from './listing'
import { BeeProcessor } from './processor'
import * as scripts from './scripts'

/** How often jobs someone waits for are read again, in case pub/sub lost their end, in ms. */
const RECHECK_MS = 2000

/** Settings of an open bee adapter (see `openBeeQueue`). */
export interface BeeSettings {
  /** bee-queue's stall interval, which is also an attempt's lease. */
  stallIntervalMs: number
  /** How often workers look for new queues, priority bands and paused queues. */
  pollMs: number
}

/** What {@link BeeAdapter.claim} answers. */
export type Claim =
  | { kind: 'claimed'; token: string; attempt: number; lost: number; lapses: number }
  | { kind: 'held' }
  | { kind: 'done' }
  | { kind: 'exhausted'; lost: number }

/** Settings every bee-queue the adapter opens shares. */
const QUIET = { getEvents: false, sendEvents: false, storeJobs: false, ensureScripts: false }

/** The bee-queue `QueueAdapter`: one bee-queue per queue and priority band, on one Redis. */
export class BeeAdapter implements QueueAdapter {
  readonly kind = 'bee'
  readonly keys: Keys
  readonly settings: BeeSettings
  readonly worker = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`
  readonly #bee: BeeModule
  readonly #root: BeeQueue
  readonly client: V3Client
  /** The end of each event-loop turn, when the commands of the turn go out in one write. */
  readonly turn: Turn
  readonly #producers = new Map<string, BeeQueue>()
  readonly #registered = new Set<string>()
  readonly #processors = new Set<BeeProcessor>()
  readonly #progress = new Set<ProgressListener>()
  readonly #completions: scripts.PerTurn
  readonly #starts: scripts.PerTurn
  #subscription: V3Client | undefined
  #hearsProgress = false
  #hearsDoorbell = false
  #hearsChanges: Promise<unknown> | undefined
  readonly #changeListeners = new Set<() => void>()
  /** The subscription to the ended channel, once asked for. */
  #hearsEnded: Promise<unknown> | undefined
  readonly #finishes = new Finishes((id) => this.get(id), {
    listen: () => this.#listenForEnds(),
    stop: () => {
      clearInterval(this.#recheck)
      this.#recheck = undefined
    },
  })
  #recheck: NodeJS.Timeout | undefined
  #closed = false

  constructor(bee: BeeModule, root: BeeQueue, prefix: string, settings: BeeSettings) {
    this.#bee = bee
    this.#root = root
    this.client = (root as unknown as { client: V3Client }).client
    this.turn = new Turn(this.client)
    // Made first, so its calls go before the completions of the same turn (a job that starts and ends
    // within one turn is marked started before it is completed).
    this.#starts = new scripts.PerTurn(this.client, this.turn, scripts.started)
    this.#completions = new scripts.PerTurn(this.client, this.turn, scripts.complete)
    this.keys = new Keys(prefix)
    this.settings = settings
  }

  ready(): Promise<void> {
    return this.#closed ? Promise.reject(closedError(this.kind)) : Promise.resolve()
  }

  /**
   * A bee-queue for one band, on the adapter's connection. A processor's bands activate delayed jobs and
   * run the stall checks (each with a subscriber connection of its own); the processor takes their jobs
   * itself (see `scripts.take`), so none is a bee-queue worker.
   */
  openBand(queue: string, band: number, processing: boolean): BeeQueue {
    return new this.#bee.Queue(this.keys.band(queue, band), {
      ...QUIET,
      prefix: this.keys.bee,
      redis: this.client as never,
      isWorker: false,
      activateDelayedJobs: processing,
      stallInterval: this.settings.stallIntervalMs,
    })
  }

  enqueue(job: NewJob): Promise<JobReceipt> {
    return this.enqueueMany([job]).then((receipts) => receipts[0] as JobReceipt)
  }

  async enqueueMany(jobs: readonly NewJob[]): Promise<JobReceipt[]> {
    this.#open()
    const normal = jobs.map(normalizeJob)
    const groups = new Map<string, { queue: string; band: number; jobs: [number, NormalJob][] }>()
    for (const [index, job] of normal.entries()) {
      const key = this.keys.band(job.queue, job.priority)
      const group = groups.get(key) ?? { queue: job.queue, band: job.priority, jobs: [] }
      group.jobs.push([index, job])
      groups.set(key, group)
    }
    await this.#register([...groups.values()])
    const receipts: JobReceipt[] = []
    const now = Date.now()
    await Promise.all(
      [...groups.values()].map(async ({ queue, band, jobs: members }) => {
        const producer = this.#producer(queue, band)
        const beeJobs = members.map(([, job]) => this.#beeJob(producer, job, now))
        const errors = await producer.saveAll(beeJobs)
        const failed = errors.values().next().value
        if (failed) throw queueError(`Could not enqueue on bee-queue: ${failed.message}`, {}, failed)
        for (const [i, [index]] of members.entries())
          receipts[index] = { id: jobId({ queue, band, beeId: beeJobs[i]?.id as string }), queue }
        await this.#index(
          queue,
          band,
          now,
          members.map(([, job], i) => [job.name, beeJobs[i]?.id as string]),
        )
      }),
    )
    this.#ring()
    return receipts
  }

  #beeJob(producer: BeeQueue, job: NormalJob, now: number) {
    const data: BeeJobData = {
      n: job.name,
      p: job.params,
      a: job.attempts,
      b: job.backoff,
      t: job.timeoutMs,
      c: now,
      r: now + job.delayMs,
    }
    // The adapter decides each retry and its wait (upstream's backoff) in its own scripts.
    const beeJob = producer.createJob(data)
    if (job.delayMs > 0) beeJob.delayUntil(now + job.delayMs)
    return beeJob
  }

  /** Adds a band's new jobs (`[name, bee id]`) to its indexes (see `Keys.index`): one command per index. */
  async #index(queue: string, band: number, createdAt: number, jobs: [string, string][]): Promise<void> {
    const byName = new Map<string, unknown[]>()
    const all: unknown[] = []
    for (const [name, beeId] of jobs) {
      const member = indexMember(beeId)
      all.push(createdAt, member)
      const named = byName.get(name) ?? []
      named.push(createdAt, member)
      byName.set(name, named)
    }
    await pipeline(this.client, [
      ['zadd', this.keys.index(queue, band), ...all],
      ...[...byName].map(([name, members]) => ['zadd', this.keys.named(queue, band, name), ...members]),
    ])
  }

  /** Records new queues and bands (once per process) so workers everywhere find them. */
  async #register(groups: { queue: string; band: number }[]): Promise<void> {
    const fresh = groups.filter(({ queue, band }) => !this.#registered.has(this.keys.band(queue, band)))
    if (fresh.length === 0) return
    await pipeline(
      this.client,
      fresh.flatMap(({ queue, band }) => [
        ['sadd', this.keys.queues, queue],
        ['sadd', this.keys.bands(queue), band],
      ]),
    )
    for (const { queue, band } of fresh) this.#registered.add(this.keys.band(queue, band))
    for (const processor of this.#processors) processor.discover()
  }

  #producer(queue: string, band: number): BeeQueue {
    const name = this.keys.band(queue, band)
    let producer = this.#producers.get(name)
    if (!producer) {
      producer = this.openBand(queue, band, false)
      producer.on('error', (error: Error) => this.report(error))
      this.#producers.set(name, producer)
    }
    return producer
  }

  process(handler: JobHandler, options: ProcessOptions = {}): Processor {
    this.#open()
    const processor = new BeeProcessor(this, handler, options, () => this.#processors.delete(processor))
    this.#processors.add(processor)
    this.#listen()
    return processor
  }

  /** See `scripts.take`: `keys` and `args` are the processor's bands, prepared by {@link takeArguments}. */
  take(
    keys: string[],
    args: string[],
    max: number,
  ): Promise<[number, string, string, string, number, number][]> {
    args[0] = String(Date.now())
    args[3] = String(max)
    return scripts.take.run(this.client, keys, args)
  }

  /** The keys and arguments of {@link take} for these bands, highest first. */
  takeArguments(bands: readonly { queue: string; band: number }[]): { keys: string[]; args: string[] } {
    return {
      keys: bands.flatMap(({ queue, band }) => [
        this.keys.beeKey(queue, band, 'waiting'),
        this.keys.beeKey(queue, band, 'active'),
        this.keys.beeKey(queue, band, 'jobs'),
        this.keys.beeKey(queue, band, 'stalling'),
        this.keys.status(queue, 'running'),
      ]),
      args: [
        '',
        String(this.settings.stallIntervalMs),
        this.worker,
        '',
        this.keys.state(''),
        ...bands.map(({ queue, band }) => jobId({ queue, band, beeId: '' })),
      ],
    }
  }

  /** Starts an attempt of a job bee-queue delivered (see `scripts.claim`). */
  async claim(address: JobAddress, maxAttempts: number, takeover: boolean): Promise<Claim> {
    const id = jobId(address)
    const reply = await scripts.claim.run<(string | number)[]>(
      this.client,
      [
        this.keys.state(id),
        this.keys.status(address.queue, 'running'),
        this.keys.status(address.queue, 'failed'),
      ],
      [
        Date.now(),
        this.settings.stallIntervalMs,
        this.worker,
        maxAttempts,
        id,
        takeover ? 1 : 0,
        this.keys.ended,
      ],
    )
    const [kind, a, b, c, d] = reply
    if (kind === 'claimed')
      return { kind, token: String(a), attempt: Number(b), lost: Number(c), lapses: Number(d) }
    if (kind === 'exhausted') return { kind, lost: Number(a) }
    return { kind: kind as 'held' | 'done' }
  }

  heartbeat(id: string, token: string): Promise<boolean> {
    return this.#script(id, (address) =>
      scripts.heartbeat.run<number>(
        this.client,
        [this.keys.state(jobId(address)), this.keys.beeKey(address.queue, address.band, 'stalling')],
        [token, Date.now() + this.settings.stallIntervalMs, address.beeId],
      ),
    ).then((held) => held === 1)
  }

  /**
   * Records that the attempt started (with the next command, within a few ms, or this turn when not
   * `lazy`): a worker that dies holding a job it never started has not spent that attempt.
   */
  markStarted(id: string, token: string, lazy = true): Promise<boolean> {
    return this.#starts.call([this.keys.state(id)], [token, Date.now()], lazy).then((held) => held === 1)
  }

  complete(id: string, token: string, result?: unknown): Promise<boolean> {
    return this.completeLazily(id, token, result, false)
  }

  /** {@link complete}; `lazy` lets it wait a few ms for other commands to go with (see `scripts.PerTurn`). */
  completeLazily(id: string, token: string, result: unknown, lazy: boolean): Promise<boolean> {
    return this.#script(id, (address) =>
      this.#completions.call(
        [
          this.keys.state(id),
          this.keys.status(address.queue, 'running'),
          this.keys.status(address.queue, 'completed'),
          this.keys.beeKey(address.queue, address.band, 'active'),
          this.keys.beeKey(address.queue, address.band, 'stalling'),
          this.keys.beeKey(address.queue, address.band, 'succeeded'),
        ],
        [
          token,
          Date.now(),
          result === undefined ? '' : JSON.stringify(result),
          id,
          address.beeId,
          this.keys.ended,
        ],
        lazy,
      ),
    ).then((held) => held === 1)
  }

  /** Fails the attempt; `attempt` and `maxAttempts` come from the claim (the processor knows them). */
  async failAttempt(
    id: string,
    token: string,
    error: SerializedError,
    retryAt: number | null,
  ): Promise<Settlement | undefined> {
    const held = await this.#script(id, (address) =>
      scripts.fail.run<number>(
        this.client,
        [
          this.keys.state(id),
          this.keys.status(address.queue, 'running'),
          this.keys.status(address.queue, 'failed'),
          this.keys.beeKey(address.queue, address.band, 'active'),
          this.keys.beeKey(address.queue, address.band, 'stalling'),
          this.keys.beeKey(address.queue, address.band, 'waiting'),
          this.keys.beeKey(address.queue, address.band, 'delayed'),
          this.keys.beeKey(address.queue, address.band, 'failed'),
          this.keys.beeKey(address.queue, address.band, 'earlierDelayed'),
        ],
        [token, Date.now(), JSON.stringify(error), retryAt ?? '', id, address.beeId, this.keys.ended],
      ),
    )
    if (held !== 1) return undefined
    return retryAt === null
      ? { outcome: 'failed', error }
      : { outcome: 'retrying', error, runAt: iso(retryAt) as string }
  }

  async fail(
    id: string,
    token: string,
    error: SerializedError,
    options: { permanent?: boolean } = {},
  ): Promise<Settlement | undefined> {
    const job = await this.get(id)
    if (job?.status !== 'running') return undefined
    const retryAt =
      !options.permanent && job.attempt < job.maxAttempts
        ? Date.now() + retryDelayMs(job.backoff, job.attempt)
        : null
    return this.failAttempt(id, token, error, retryAt)
  }

  release(id: string, token: string): Promise<boolean> {
    return this.#script(id, (address) =>
      scripts.release.run<number>(
        this.client,
        [
          this.keys.state(id),
          this.keys.status(address.queue, 'running'),
          this.keys.beeKey(address.queue, address.band, 'active'),
          this.keys.beeKey(address.queue, address.band, 'waiting'),
          this.keys.beeKey(address.queue, address.band, 'stalling'),
        ],
        [token, id, address.beeId],
      ),
    ).then((held) => held === 1)
  }

  /** See `scripts.drop`. */
  drop(address: JobAddress, failed: boolean): Promise<unknown> {
    return scripts.drop.run(
      this.client,
      [
        this.keys.beeKey(address.queue, address.band, 'active'),
        this.keys.beeKey(address.queue, address.band, 'stalling'),
        this.keys.beeKey(address.queue, address.band, 'failed'),
      ],
      [address.beeId, failed ? 1 : 0],
    )
  }

  /** Keeps bee-queue's stall check off a job this process holds without running it yet. */
  preventStall(address: JobAddress): Promise<unknown> {
    return command(this.client, 'srem', [
      this.keys.beeKey(address.queue, address.band, 'stalling'),
      address.beeId,
    ])
  }

  /** Gives back a job taken from bee-queue that never started. */
  requeue(address: JobAddress): Promise<unknown> {
    return scripts.requeue.run(
      this.client,
      [
        this.keys.beeKey(address.queue, address.band, 'active'),
        this.keys.beeKey(address.queue, address.band, 'waiting'),
      ],
      [address.beeId],
    )
  }

  async reportProgress(id: string, token: string, value: unknown): Promise<void> {
    await this.#script(id, (address) =>
      scripts.progress.run(
        this.client,
        [this.keys.state(id), this.keys.beeKey(address.queue, address.band, 'events')],
        [token, JSON.stringify(value ?? null), address.beeId],
      ),
    )
  }

  async get(id: string): Promise<QueueJob | undefined> {
    this.#open()
    const address = parseJobId(id)
    if (!address) return undefined
    const [stored, state] = (await pipeline(this.client, [
      ['hget', this.keys.beeKey(address.queue, address.band, 'jobs'), address.beeId],
      ['hgetall', this.keys.state(id)],
    ])) as [string | null, unknown]
    return stored ? toJob(address, stored, stateOf(state)) : undefined
  }

  list(query: JobQuery = {}): Promise<QueueJob[]> {
    this.#open()
    return listJobs(this.#listing, query)
  }

  count(filter: JobFilter = {}): Promise<number> {
    this.#open()
    return countJobs(this.#listing, filter)
  }

  get #listing(): Listing {
    return {
      client: this.client,
      keys: this.keys,
      queueNames: () => this.#queueNames(),
      jobs: (queue, band, beeIds) => this.#jobs(queue, band, beeIds),
    }
  }

  /** The bee ids of a band's jobs that may have `status` (all of them without one). */
  async #idsOf(queue: string, band: number, status: JobStatus | undefined): Promise<string[]> {
    const bee = (name: string) => this.keys.beeKey(queue, band, name)
    const own = (name: 'running' | 'completed' | 'failed' | 'cancelled') => [
      'smembers',
      this.keys.status(queue, name),
    ]
    const wanted = (candidate: JobStatus) => status === undefined || status === candidate
    const commands: unknown[][] = []
    if (wanted('pending')) commands.push(['lrange', bee('waiting'), 0, -1], ['zrange', bee('delayed'), 0, -1])
    if (wanted('running') || wanted('pending')) commands.push(own('running'))
    if (wanted('completed')) commands.push(own('completed'))
    if (wanted('failed')) commands.push(own('failed'))
    if (wanted('cancelled')) commands.push(own('cancelled'))
    const replies = (await pipeline(this.client, commands)) as string[][]
    const ids = new Set<string>()
    for (const reply of replies) {
      for (const member of reply) {
        const address = parseJobId(member)
        if (!address) ids.add(member)
        else if (address.queue === queue && address.band === band) ids.add(address.beeId)
      }
    }
    return [...ids]
  }

  async #jobs(queue: string, band: number, beeIds: string[]): Promise<QueueJob[]> {
    if (beeIds.length === 0) return []
    const addresses = beeIds.map((beeId) => ({ queue, band, beeId }))
    const replies = await pipeline(this.client, [
      ['hmget', this.keys.beeKey(queue, band, 'jobs'), ...beeIds],
      ...addresses.map((address) => ['hgetall', this.keys.state(jobId(address))]),
    ])
    const stored = replies[0] as (string | null)[]
    const now = Date.now()
    return addresses.flatMap((address, i) =>
      stored[i] ? [toJob(address, stored[i] as string, stateOf(replies[i + 1]), now)] : [],
    )
  }

  async stats(queue: string): Promise<QueueStats> {
    this.#open()
    const bands = await this.#bands(queue)
    const replies = (await pipeline(this.client, [
      ...bands.flatMap((band) => [
        ['llen', this.keys.beeKey(queue, band, 'waiting')],
        ['zcard', this.keys.beeKey(queue, band, 'delayed')],
      ]),
      ['scard', this.keys.status(queue, 'running')],
      ['scard', this.keys.status(queue, 'completed')],
      ['scard', this.keys.status(queue, 'failed')],
      ['scard', this.keys.status(queue, 'cancelled')],
      ['sismember', this.keys.paused, queue],
    ])) as number[]
    const own = replies.slice(bands.length * 2)
    return {
      ...emptyStats(queue),
      pending: replies.slice(0, bands.length * 2).reduce((sum, count) => sum + count, 0),
      running: own[0] as number,
      completed: own[1] as number,
      failed: own[2] as number,
      cancelled: own[3] as number,
      paused: own[4] === 1,
    }
  }

  async queues(): Promise<QueueStats[]> {
    this.#open()
    const names = new Set([
      ...(await this.#queueNames()),
      ...(await command<string[]>(this.client, 'smembers', [this.keys.paused])),
    ])
    const all = await Promise.all([...names].map((queue) => this.stats(queue)))
    return all.sort((a, b) => a.queue.localeCompare(b.queue))
  }

  cancel(id: string): Promise<boolean> {
    return this.#script(id, (address) =>
      scripts.cancel.run<number>(
        this.client,
        [
          this.keys.state(id),
          this.keys.beeKey(address.queue, address.band, 'waiting'),
          this.keys.beeKey(address.queue, address.band, 'delayed'),
          this.keys.status(address.queue, 'cancelled'),
        ],
        [address.beeId, id, Date.now(), this.keys.ended],
      ),
    ).then((done) => done === 1)
  }

  retry(id: string): Promise<boolean> {
    return this.#script(id, (address) =>
      scripts.retry.run<number>(
        this.client,
        [
          this.keys.state(id),
          this.keys.status(address.queue, 'failed'),
          this.keys.status(address.queue, 'cancelled'),
          this.keys.beeKey(address.queue, address.band, 'waiting'),
          this.keys.beeKey(address.queue, address.band, 'failed'),
        ],
        [id, address.beeId],
      ),
    ).then((done) => {
      if (done === 1) this.#ring()
      return done === 1
    })
  }

  /** Jobs are waiting: idle processors here look at once; those of other processes hear the doorbell. */
  #ring(): void {
    for (const processor of this.#processors) processor.wake()
    command(this.client, 'publish', [this.keys.doorbell, '']).catch((error: Error) => this.report(error))
  }

  async remove(id: string): Promise<boolean> {
    this.#open()
    const address = parseJobId(id)
    if (!address) return false
    const [job] = await this.#jobs(address.queue, address.band, [address.beeId])
    if (!job || job.status === 'running') return false
    await this.#erase(address.queue, address.band, [job])
    return true
  }

  async purge(queue: string, status?: JobStatus): Promise<number> {
    this.#open()
    if (status === 'running') return 0
    let count = 0
    for (const band of await this.#bands(queue)) {
      const doomed = await this.#idsOf(queue, band, status)
      const jobs = await this.#jobs(queue, band, doomed)
      const gone = jobs.filter((job) =>
        status === undefined ? job.status !== 'running' : job.status === status,
      )
      if (gone.length === 0) continue
      await this.#erase(queue, band, gone)
      count += gone.length
    }
    return count
  }

  /** Deletes jobs of one band from every index, set and list that holds them. */
  async #erase(queue: string, band: number, gone: readonly QueueJob[]): Promise<void> {
    const beeIds = gone.map((job) => parseJobId(job.id)?.beeId as string)
    const ids = gone.map((job) => job.id)
    const bee = (name: string) => this.keys.beeKey(queue, band, name)
    await pipeline(this.client, [
      ...beeIds.map((beeId) => ['lrem', bee('waiting'), 0, beeId]),
      ['zrem', bee('delayed'), ...beeIds],
      ['srem', bee('succeeded'), ...beeIds],
      ['srem', bee('failed'), ...beeIds],
      ['hdel', bee('jobs'), ...beeIds],
      ...(['completed', 'failed', 'cancelled'] as const).map((name) => [
        'srem',
        this.keys.status(queue, name),
        ...ids,
      ]),
      ['del', ...ids.map((id) => this.keys.state(id))],
      ['zrem', this.keys.index(queue, band), ...beeIds.map(indexMember)],
      ...gone.map((job) => [
        'zrem',
        this.keys.named(queue, band, job.name),
        indexMember(parseJobId(job.id)?.beeId as string),
      ]),
    ])
  }

  async pause(queue: string): Promise<void> {
    this.#open()
    await command(this.client, 'sadd', [this.keys.paused, queue])
    for (const processor of this.#processors) processor.discover()
  }

  async resume(queue: string): Promise<void> {
    this.#open()
    await command(this.client, 'srem', [this.keys.paused, queue])
    for (const processor of this.#processors) processor.discover()
  }

  async onChange(listener: () => void): Promise<() => void> {
    this.#open()
    const subscriber = this.#subscriber()
    if (!subscriber) throw closedError(this.kind)
    this.#hearsChanges ??= command(subscriber, 'subscribe', [this.keys.doorbell, this.keys.ended])
    try {
      await this.#hearsChanges
    } catch (error) {
      this.#hearsChanges = undefined
      throw error
    }
    this.#changeListeners.add(listener)
    return () => this.#changeListeners.delete(listener)
  }

  onProgress(listener: ProgressListener): () => void {
    this.#progress.add(listener)
    const subscriber = this.#subscriber()
    if (subscriber && this.#progress.size === 1 && !this.#hearsProgress) {
      this.#hearsProgress = true
      subscriber.send_command('psubscribe', [`${this.keys.bee}:*:events`], () => {})
    }
    return () => this.#progress.delete(listener)
  }

  /** Processors hear of jobs enqueued by other processes on the doorbell channel. */
  #listen(): void {
    const subscriber = this.#subscriber()
    if (!subscriber || this.#hearsDoorbell) return
    this.#hearsDoorbell = true
    subscriber.send_command('subscribe', [this.keys.doorbell], () => {})
  }

  /** One connection listens to every band's bee-queue events channel for progress, and to the doorbell. */
  #subscriber(): V3Client | undefined {
    if (this.#subscription || this.#closed) return this.#subscription
    const subscriber = this.client.duplicate()
    this.#subscription = subscriber
    subscriber.on('error', (error: Error) => this.report(error))
    subscriber.on('pmessage', (_pattern: string, channel: string, message: string) => {
      void this.#onEvent(channel, message)
    })
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.keys.ended) void this.#finishes.check([message])
      else for (const processor of this.#processors) processor.discover()
      for (const heard of [...this.#changeListeners]) {
        try {
          heard()
        } catch (error) {
          this.report(error as Error)
        }
      }
    })
    return subscriber
  }

  /**
   * Waits for jobs' ends hear them on the ended channel (subscribed before the waited job is first read).
   * Pub/sub drops what is published while the connection is down, so the waited jobs are also read again
   * every {@link RECHECK_MS}.
   */
  async #listenForEnds(): Promise<void> {
    const subscriber = this.#subscriber()
    if (!subscriber) throw closedError(this.kind)
    this.#hearsEnded ??= command(subscriber, 'subscribe', [this.keys.ended])
    try {
      await this.#hearsEnded
    } catch (error) {
      this.#hearsEnded = undefined
      throw error
    }
    this.#recheck ??= setInterval(() => void this.#finishes.check(), RECHECK_MS)
  }

  finished(id: string, options?: FinishOptions): Promise<QueueJob> {
    if (this.#closed) return Promise.reject(closedError(this.kind))
    return this.#finishes.wait(id, options)
  }

  async #onEvent(channel: string, message: string): Promise<void> {
    const { id: beeId, event, data } = JSON.parse(message) as { id: string; event: string; data: unknown }
    if (event !== 'progress') return
    const band = channel.slice(this.keys.bee.length + 1, -':events'.length)
    const at = band.lastIndexOf('@')
    const address = { queue: band.slice(0, at), band: Number(band.slice(at + 1)), beeId }
    const stored = await command<string | null>(this.client, 'hget', [
      this.keys.beeKey(address.queue, address.band, 'jobs'),
      beeId,
    ]).catch(() => null)
    const name = stored ? (JSON.parse(stored) as { data: BeeJobData }).data.n : ''
    for (const listener of this.#progress)
      listener({ id: jobId(address), queue: address.queue, name, progress: data })
  }

  async #queueNames(): Promise<string[]> {
    return (await command<string[]>(this.client, 'smembers', [this.keys.queues])).sort()
  }

  /** A queue's bands, highest first. */
  async #bands(queue: string): Promise<number[]> {
    const bands = await command<string[]>(this.client, 'smembers', [this.keys.bands(queue)])
    return bands.map(Number).sort((a, b) => b - a)
  }

  async #script<T>(id: string, run: (address: JobAddress) => Promise<T>): Promise<T | undefined> {
    this.#open()
    const address = parseJobId(id)
    return address ? run(address) : undefined
  }

  /** Reports a problem no caller waits for, once while it repeats. */
  readonly report = warnOnce(this.kind)

  async close(): Promise<void> {
    if (this.#closed) return
    await Promise.all([...this.#processors].map((processor) => processor.stop(0)))
    this.#closed = true
    this.#finishes.close(closedError(this.kind))
    this.#changeListeners.clear()
    await Promise.all([...this.#producers.values()].map((producer) => producer.close()))
    this.#subscription?.quit()
    this.#subscription = undefined
    await this.#root.close()
  }

  #open(): void {
    if (this.#closed) throw closedError(this.kind)
  }
}
