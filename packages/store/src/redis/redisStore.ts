import { QuantumError } from '@quantum/ast'
import type { JobDefinition, ScheduleDefinition } from '../definitions'
import { asStoreError, storeUnavailable } from '../internal/errors'
import { Listeners } from '../internal/listeners'
import {
  prepareChange,
  prepareJob,
  prepareLock,
  prepareQuery,
  prepareRun,
  prepareSchedule,
  prepareStatusFilter,
  prepareWorker,
} from '../internal/prepare'
import type { JobRow, ScheduleRow } from '../internal/rows'
import { jobFromRow, scheduleFromRow } from '../internal/rows'
import { RunFeed } from '../internal/runFeed'
import { checkName, fromJson, nowTimestamp } from '../internal/values'
import type {
  ControlAction,
  ControlEvent,
  ControlListener,
  HistoryQuery,
  JobRecord,
  NewRun,
  RegisterScheduleOptions,
  Retention,
  RunKind,
  RunListener,
  RunRecord,
  ScheduleChange,
  ScheduleRecord,
  ScheduleStatus,
  Store,
  WorkerInfo,
  WorkerRecord,
} from '../store'
import { CHECK_TIMEOUT_MS } from '../store'
import { type Client, Scripts } from './connection'
import { HistoryWriter, selectHistory } from './history'
import type { Keys } from './keys'
import { freeLock, renewLock, takeLock } from './locks'
import {
  DEFINE_JOB,
  NOTIFY_IF_EXISTS,
  REGISTER_SCHEDULE,
  REMOVE,
  SET_STATUS,
  UPDATE_SCHEDULE,
} from './scripts'
import { beat, dropWorker, liveWorkers } from './workers'

/** The Redis store over its own connections; see `openRedisStore`. */
export class RedisStore implements Store {
  readonly kind = 'redis' as const
  readonly location: string
  readonly #client: Client
  readonly #keys: Keys
  readonly #scripts: Scripts
  readonly #history: HistoryWriter
  readonly #listeners: Listeners
  readonly #runFeed: RunFeed
  readonly #onError: (error: Error) => void
  readonly #subscribe: () => Promise<Client>
  #subscriber: Promise<Client> | undefined
  #closed = false

  constructor(
    client: Client,
    options: {
      keys: Keys
      location: string
      retention: Retention
      onError: (error: Error) => void
      subscribe: () => Promise<Client>
    },
  ) {
    this.#client = client
    this.#keys = options.keys
    this.location = options.location
    this.#scripts = new Scripts(client)
    this.#history = new HistoryWriter(this.#scripts, this.#keys, options.retention)
    this.#onError = options.onError
    this.#listeners = new Listeners(options.onError)
    this.#runFeed = new RunFeed((afterId, limit) => this.history({ afterId, limit }), options.onError)
    this.#subscribe = options.subscribe
  }

  async registerSchedule(
    definition: ScheduleDefinition,
    options: RegisterScheduleOptions,
  ): Promise<ScheduleRecord> {
    return this.#do('registerSchedule', async () => {
      const schedule = prepareSchedule(definition, options)
      const now = nowTimestamp()
      const row = await this.#scripts.run(
        REGISTER_SCHEDULE,
        [this.#keys.entry('schedule', schedule.name), this.#keys.names('schedule'), this.#keys.ids],
        [
          schedule.name,
          schedule.config,
          schedule.enabled ? '1' : '0',
          schedule.state,
          schedule.nextRun ?? '',
          now,
          this.#keys.control,
          event('register', 'schedule', schedule.name, now),
        ],
      )
      return scheduleFromRow(fields(row) as unknown as ScheduleRow)
    })
  }

  async getSchedule(name: string): Promise<ScheduleRecord | undefined> {
    return this.#do('getSchedule', async () => {
      const row = await this.#entry('schedule', checkName(name))
      return row && scheduleFromRow(row as unknown as ScheduleRow)
    })
  }

  async listSchedules(options?: { status?: ScheduleStatus }): Promise<ScheduleRecord[]> {
    return this.#do('listSchedules', async () => {
      const status = prepareStatusFilter(options)
      const rows = await this.#entries('schedule')
      return rows
        .map((row) => scheduleFromRow(row as unknown as ScheduleRow))
        .filter((schedule) => status === null || schedule.status === status)
    })
  }

  async updateSchedule(name: string, change: ScheduleChange): Promise<ScheduleRecord | undefined> {
    return this.#do('updateSchedule', async () => {
      checkName(name)
      const { set, addRuns, addErrors } = prepareChange(change)
      const pairs = Object.entries(set).filter((pair): pair is [string, string] => pair[1] !== null)
      const cleared = Object.entries(set)
        .filter(([, value]) => value === null)
        .map(([field]) => field)
      const row = await this.#scripts.run(
        UPDATE_SCHEDULE,
        [this.#keys.entry('schedule', name)],
        [nowTimestamp(), addRuns, addErrors, pairs.length, ...pairs.flat(), ...cleared],
      )
      return row === null ? undefined : scheduleFromRow(fields(row) as unknown as ScheduleRow)
    })
  }

  async pauseSchedule(name: string): Promise<boolean> {
    return this.#setStatus('pause', name, 'paused')
  }

  async resumeSchedule(name: string): Promise<boolean> {
    return this.#setStatus('resume', name, 'active')
  }

  async deleteSchedule(name: string): Promise<boolean> {
    return this.#remove('schedule', name)
  }

  async runScheduleNow(name: string): Promise<boolean> {
    return this.#do('runScheduleNow', async () => {
      checkName(name)
      const done = await this.#scripts.run(
        NOTIFY_IF_EXISTS,
        [this.#keys.entry('schedule', name)],
        [this.#keys.control, event('run', 'schedule', name, nowTimestamp())],
      )
      return done === 1
    })
  }

  async defineJob(definition: JobDefinition): Promise<JobRecord> {
    return this.#do('defineJob', async () => {
      const job = prepareJob(definition)
      const now = nowTimestamp()
      const row = await this.#scripts.run(
        DEFINE_JOB,
        [this.#keys.entry('job', job.name), this.#keys.names('job'), this.#keys.ids],
        [job.name, job.config, job.queue, now, this.#keys.control, event('register', 'job', job.name, now)],
      )
      return jobFromRow(fields(row) as unknown as JobRow)
    })
  }

  async getJob(name: string): Promise<JobRecord | undefined> {
    return this.#do('getJob', async () => {
      const row = await this.#entry('job', checkName(name))
      return row && jobFromRow(row as unknown as JobRow)
    })
  }

  async listJobs(options: { queue?: string } = {}): Promise<JobRecord[]> {
    return this.#do('listJobs', async () => {
      const queue = options.queue === undefined ? null : checkName(options.queue, 'queue')
      const rows = await this.#entries('job')
      return rows
        .map((row) => jobFromRow(row as unknown as JobRow))
        .filter((job) => queue === null || job.queue === queue)
    })
  }

  async deleteJob(name: string): Promise<boolean> {
    return this.#remove('job', name)
  }

  async recordRun(run: NewRun): Promise<RunRecord> {
    return this.#do('recordRun', () => this.#history.insert(prepareRun(run)))
  }

  async history(query?: HistoryQuery): Promise<RunRecord[]> {
    return this.#do('history', () => selectHistory(this.#client, this.#keys, prepareQuery(query)))
  }

  async watch(listener: ControlListener): Promise<() => Promise<void>> {
    return this.#do('watch', async () => {
      await this.#subscribed()
      this.#listeners.add(listener)
      return async () => {
        this.#listeners.delete(listener)
      }
    })
  }

  async watchRuns(listener: RunListener): Promise<() => Promise<void>> {
    return this.#do('watchRuns', async () => {
      await this.#subscribed()
      await this.#runFeed.add(listener)
      return async () => {
        this.#runFeed.delete(listener)
      }
    })
  }

  async #subscribed(): Promise<void> {
    this.#subscriber ??= this.#startSubscriber()
    try {
      await this.#subscriber
    } catch (error) {
      this.#subscriber = undefined
      throw error
    }
  }

  async acquireLock(key: string, ttlMs: number, owner: string): Promise<boolean> {
    return this.#do('acquireLock', () => takeLock(this.#client, this.#keys, prepareLock(key, ttlMs, owner)))
  }

  async extendLock(key: string, ttlMs: number, owner: string): Promise<boolean> {
    return this.#do('extendLock', () => renewLock(this.#scripts, this.#keys, prepareLock(key, ttlMs, owner)))
  }

  async releaseLock(key: string, owner: string): Promise<boolean> {
    return this.#do('releaseLock', () =>
      freeLock(this.#scripts, this.#keys, checkName(key, 'lock key'), checkName(owner, 'lock owner')),
    )
  }

  async heartbeat(worker: WorkerInfo, ttlMs: number): Promise<void> {
    return this.#do('heartbeat', () => beat(this.#scripts, this.#keys, prepareWorker(worker, ttlMs)))
  }

  async workers(): Promise<WorkerRecord[]> {
    return this.#do('workers', () => liveWorkers(this.#client, this.#keys))
  }

  async removeWorker(id: string): Promise<boolean> {
    return this.#do('removeWorker', async () =>
      dropWorker(this.#client, this.#keys, checkName(id, 'worker id')),
    )
  }

  async check(): Promise<void> {
    await this.#do('check', async () => {
      // Commands wait for a reconnect, so an unreachable Redis would never answer: bound the wait.
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              storeUnavailable(`Redis at ${this.location} did not answer within ${CHECK_TIMEOUT_MS} ms`),
            ),
          CHECK_TIMEOUT_MS,
        )
      })
      try {
        await Promise.race([this.#client.ping(), late])
      } catch (error) {
        if (QuantumError.is(error)) throw error
        throw storeUnavailable(`Redis at ${this.location} does not answer: ${(error as Error).message}`)
      } finally {
        clearTimeout(timer)
      }
    })
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#listeners.clear()
    this.#runFeed.clear()
    const subscriber = await this.#subscriber?.catch(() => undefined)
    await Promise.all([subscriber?.close(), this.#client.close()])
  }

  async #startSubscriber(): Promise<Client> {
    const subscriber = await this.#subscribe()
    await subscriber.subscribe(this.#keys.control, (message: string) => {
      let parsed: ControlEvent
      try {
        parsed = fromJson<ControlEvent>(message, 'a control event')
      } catch (error) {
        this.#onError(error as Error)
        return
      }
      this.#listeners.emit(parsed)
    })
    await subscriber.subscribe(this.#keys.runs, () => this.#runFeed.wake())
    return subscriber
  }

  async #entry(kind: RunKind, name: string): Promise<Record<string, string> | undefined> {
    const row = await this.#client.hGetAll(this.#keys.entry(kind, name))
    return Object.keys(row).length === 0 ? undefined : row
  }

  /** Every entry of a kind, by name; a name removed between the two reads is left out. */
  async #entries(kind: RunKind): Promise<Record<string, string>[]> {
    const names = (await this.#client.sMembers(this.#keys.names(kind))).sort()
    const rows = await Promise.all(names.map((name) => this.#entry(kind, name)))
    return rows.filter((row): row is Record<string, string> => row !== undefined)
  }

  #setStatus(action: ControlAction, name: string, status: ScheduleStatus): Promise<boolean> {
    return this.#do(`${action}Schedule`, async () => {
      checkName(name)
      const now = nowTimestamp()
      const done = await this.#scripts.run(
        SET_STATUS,
        [this.#keys.entry('schedule', name)],
        [status, now, this.#keys.control, event(action, 'schedule', name, now)],
      )
      return done === 1
    })
  }

  #remove(kind: RunKind, name: string): Promise<boolean> {
    return this.#do(kind === 'schedule' ? 'deleteSchedule' : 'deleteJob', async () => {
      checkName(name)
      const done = await this.#scripts.run(
        REMOVE,
        [this.#keys.entry(kind, name), this.#keys.names(kind)],
        [name, this.#keys.control, event('delete', kind, name, nowTimestamp())],
      )
      return done === 1
    })
  }

  async #do<T>(operation: string, body: () => Promise<T>): Promise<T> {
    if (this.#closed) {
      throw storeUnavailable(`The store is closed (${operation})`, { operation, location: this.location })
    }
    try {
      return await body()
    } catch (error) {
      throw asStoreError(error, operation, this.location)
    }
  }
}

function event(action: ControlAction, kind: RunKind, name: string, at: string): string {
  return JSON.stringify({ action, kind, name, at } satisfies ControlEvent)
}

/** A flat `[field, value, …]` reply (HGETALL inside a script) as an object. */
function fields(reply: unknown): Record<string, string> {
  const list = reply as string[]
  const row: Record<string, string> = {}
  for (let index = 0; index + 1 < list.length; index += 2) row[list[index]!] = list[index + 1]!
  return row
}
