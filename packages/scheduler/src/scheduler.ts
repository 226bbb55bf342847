import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { ErrorCodes, QuantumError, ScheduleError } from '@quantum/ast'
import type { ScheduleService } from '@quantum/runtime'
import { type ControlEvent, fireLockKey, type RunRecord, type ScheduleRecord } from '@quantum/store'
import { systemClock } from './clock'
import type { FireContext } from './context'
import { runFire } from './fire'
import { LeadTime } from './lead'
import { handleMisfire } from './misfire'
import { createScheduleRegistrar, resumedNextRun } from './registrar'
import { FireRunner } from './runner'
import { firstFire, nextFireAfter, triggerError } from './triggers'
import type { Scheduler, SchedulerEvent, SchedulerOptions } from './types'

/**
 * How long a fire lock lives: long after every host has passed that instant, so none runs it again.
 * A lock is keyed by its due instant, so it never stands in the way of another fire.
 */
const FIRE_LOCK_TTL_MS = 15 * 60_000
/** How soon to try again after the store failed while arming or firing. */
const STORE_RETRY_MS = 1_000

interface Armed {
  due: number
  cancel: () => void
}

/** Schedules hosted in this process (see {@link Scheduler}). */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store } = options
  const clock = options.clock ?? systemClock
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  const stopGraceMs = options.stopGraceMs ?? 10_000
  const emit = (event: SchedulerEvent) => {
    try {
      options.onEvent?.(event)
    } catch {
      // A host's progress line must not stop the scheduler.
    }
  }
  const problem = (error: unknown, name?: string) =>
    emit({
      type: 'problem',
      ...(name === undefined ? {} : { name }),
      message: error instanceof Error ? error.message : String(error),
      ...(QuantumError.is(error) ? { code: error.code } : {}),
    })
  let started = false
  let stopping: Promise<void> | undefined
  const runner = new FireRunner({
    services: options.services ?? {},
    ...(options.host ? { host: options.host } : {}),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    onProblem: (message) => emit({ type: 'problem', message }),
  })
  const ctx: FireContext = {
    store,
    runner,
    clock,
    workerId,
    misfireGraceMs: options.misfireGraceMs ?? 60_000,
    lead: new LeadTime(),
    emit,
    stopping: () => stopping !== undefined,
    counters: { fired: 0, failed: 0, skipped: 0 },
  }
  const armed = new Map<string, Armed>()
  const inFlight = new Set<Promise<unknown>>()
  let unwatch: (() => Promise<void>) | undefined

  /** Runs `work` in the background: its failure goes to onEvent, and stop() waits for it. */
  const track = (work: Promise<unknown>, name?: string) => {
    const guarded = work.catch((error) => problem(error, name))
    inFlight.add(guarded)
    void guarded.finally(() => inFlight.delete(guarded))
  }

  const unarm = (name: string) => {
    armed.get(name)?.cancel()
    armed.delete(name)
  }
  /** No more fires here (paused, deleted, stopping): its fires still held before their instant are called off. */
  const disarm = (name: string) => {
    unarm(name)
    runner.release(name)
  }

  /**
   * Arm `name` for `due`. A due instant already past is a misfire when it comes from the store (it came
   * due while no worker ran) or is past by more than the grace (the machine slept, the loop stalled).
   */
  const arm = (name: string, due: number | null, fromStore: boolean) => {
    if (due === null) return disarm(name)
    unarm(name)
    if (stopping) return
    const now = clock.now()
    const entry: Armed = { due, cancel: () => {} }
    armed.set(name, entry)
    if (due < now && (fromStore || now - due > ctx.misfireGraceMs)) {
      track(misfire(name, due, entry), name)
      return
    }
    entry.cancel = clock.setTimer(
      () => track(fire(name, due, entry), name),
      Math.max(0, due - ctx.lead.ms - now),
    )
    emit({ type: 'armed', name, dueAt: new Date(due).toISOString() })
  }

  /** The store failed: keep the instant and try again shortly. */
  const retryLater = (name: string, entry: Armed, again: () => Promise<void>, error: unknown) => {
    problem(error, name)
    if (armed.get(name) !== entry || stopping) return
    entry.cancel = clock.setTimer(() => track(again(), name), STORE_RETRY_MS)
  }

  /** The timer of `due` went off (a lead time before it): prepare and run the fire if this process wins it. */
  async function fire(name: string, due: number, entry: Armed): Promise<void> {
    const preparedFrom = Date.now()
    let record: ScheduleRecord | undefined
    let took: boolean
    try {
      record = await store.getSchedule(name)
      if (armed.get(name) !== entry || stopping) return
      // Paused or deleted while control events were not reaching us: the state is the truth.
      if (record?.status !== 'active') return disarm(name)
      if (clock.now() - due > ctx.misfireGraceMs) return await misfire(name, due, entry)
      took = await store.acquireLock(fireLockKey(name, new Date(due)), FIRE_LOCK_TTL_MS, workerId)
    } catch (error) {
      return retryLater(name, entry, () => fire(name, due, entry), error)
    }
    const { trigger, timezone } = record.definition
    const next = nextFireAfter(trigger, timezone, new Date(due))?.getTime() ?? null
    arm(name, next, false)
    if (!took) return
    await store.updateSchedule(name, { nextRun: next === null ? null : new Date(next) })
    await runFire(ctx, record, due, { preparedFrom, scheduled: true })
  }

  async function misfire(name: string, due: number, entry: Armed): Promise<void> {
    let record: ScheduleRecord | undefined
    try {
      record = await store.getSchedule(name)
      if (armed.get(name) !== entry || stopping) return
      if (record?.status !== 'active') return disarm(name)
      if (!(await store.acquireLock(fireLockKey(name, new Date(due)), FIRE_LOCK_TTL_MS, workerId))) {
        // Another host handles this misfire; it moves nextRun to the same grid.
        return arm(name, nextAfterNow(record, due), false)
      }
    } catch (error) {
      return retryLater(name, entry, () => misfire(name, due, entry), error)
    }
    const { next, run } = await handleMisfire(ctx, record, due)
    arm(name, next, false)
    await run
  }

  const nextAfterNow = (record: ScheduleRecord, due: number) =>
    resumedNextRun({ ...record, nextRun: new Date(due).toISOString() }, clock.now())?.getTime() ?? null

  /** Where a stored schedule fires next, as the store says (computed when it has none). */
  const storedDue = (record: ScheduleRecord): number | null => {
    if (record.nextRun !== null) return Date.parse(record.nextRun)
    const { trigger, timezone } = record.definition
    return trigger.kind === 'at' ? null : firstFire(trigger, timezone, clock.now())
  }

  /** Host a schedule as the store has it now (a registration, a start). */
  const host = (record: ScheduleRecord | undefined, name: string) => {
    if (record?.status !== 'active') return disarm(name)
    // Stored before intervals had a minimum: reported once, never fired.
    const refused = triggerError(record.definition.trigger, options.minIntervalMs)
    if (refused) {
      disarm(name)
      return problem(refused, name)
    }
    const due = storedDue(record)
    if (armed.get(name)?.due === due) return
    arm(name, due, true)
  }

  async function control(event: ControlEvent): Promise<void> {
    if (event.kind !== 'schedule' || stopping) return
    const { name } = event
    if (event.action === 'pause' || event.action === 'delete') {
      disarm(name)
      emit({ type: event.action === 'pause' ? 'paused' : 'deleted', name })
      return
    }
    const record = await store.getSchedule(name)
    if (event.action === 'register') {
      host(record, name)
      emit({ type: 'registered', name })
    } else if (event.action === 'resume') {
      if (record?.status !== 'active') return
      // From the instant of the resume (the same in every process), never replaying the paused period.
      const next = resumedNextRun(record, Date.parse(event.at))?.getTime() ?? null
      if (armed.get(name)?.due !== next) arm(name, next, false)
      emit({ type: 'resumed', name })
    } else if (record) {
      const due = Date.parse(event.at)
      if (await store.acquireLock(fireLockKey(name, new Date(due)), FIRE_LOCK_TTL_MS, workerId)) {
        await runFire(ctx, record, due)
      }
    }
  }

  const registrar = createScheduleRegistrar(store, { clock, minIntervalMs: options.minIntervalMs })
  /** Writes through the store, then hosts the change here at once (the control event follows). */
  const service: ScheduleService = {
    async register(definition) {
      const info = await registrar.register(definition)
      if (started && !stopping) host(await store.getSchedule(definition.name), definition.name)
      return info
    },
    async pause(name) {
      const done = await registrar.pause(name)
      if (done) disarm(name)
      return done
    },
    async resume(name) {
      const done = await registrar.resume(name)
      if (done && started && !stopping) host(await store.getSchedule(name), name)
      return done
    },
    async delete(name) {
      const done = await registrar.delete(name)
      if (done) disarm(name)
      return done
    },
  }

  return {
    service,
    async start() {
      if (started) return
      started = true
      // The fire workers first: a schedule's first fire never waits for a cold one.
      await runner.start()
      // Watch first, then list: a change made in between is seen by one or the other.
      unwatch = await store.watch((event) => track(control(event), event.name))
      for (const record of await store.listSchedules({ status: 'active' })) host(record, record.name)
    },
    async runNow(name) {
      if (stopping) throw new ScheduleError(ErrorCodes.SCHEDULE_ERROR, 'The scheduler is stopping')
      const record = await store.getSchedule(name)
      if (!record) throw new ScheduleError(ErrorCodes.SCHEDULE_NOT_FOUND, `Job not found: ${name}`)
      const due = clock.now()
      if (!(await store.acquireLock(fireLockKey(name, new Date(due)), FIRE_LOCK_TTL_MS, workerId))) return []
      const run: Promise<RunRecord[]> = runFire(ctx, record, due)
      track(run, name)
      return run
    },
    stop(stopOptions = {}) {
      stopping ??= (async () => {
        for (const name of [...armed.keys()]) disarm(name)
        await unwatch?.().catch((error) => problem(error))
        const graceMs = stopOptions.graceMs ?? stopGraceMs
        if (!(await runner.settle(graceMs))) await runner.endAll('the scheduler is stopping')
        await Promise.allSettled([...inFlight])
        await runner.close()
      })()
      return stopping
    },
    stats() {
      return {
        schedules: armed.size,
        running: runner.running,
        ...ctx.counters,
      }
    },
  }
}
