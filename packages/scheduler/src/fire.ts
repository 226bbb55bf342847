import type { RunRecord, ScheduleRecord } from '@quantum/store'
import { clockOf, type FireContext, iso, realOf } from './context'
import type { AttemptOutcome } from './runner'
import { takeRunningLock } from './runningLock'
import type { FireStatus } from './types'

/** How one fire runs. */
export interface FireOptions {
  /** A misfire run: success is recorded `late`. */
  late?: boolean
  /** When preparing began (this process's `Date.now()`), to learn the lead time from. */
  preparedFrom?: number
  /** A due fire, not a run on demand: called off (nothing recorded) when the schedule was paused or deleted meanwhile. */
  scheduled?: boolean
}

/**
 * Runs one fire whose fire lock the caller holds: the running lock for `overlap="false"` (or a
 * `skipped` row), then up to `retry + 1` attempts in workers, each its own history row, then the
 * schedule's state. Resolves with the rows it recorded; rejects only when the store fails.
 */
export async function runFire(
  ctx: FireContext,
  record: ScheduleRecord,
  due: number,
  options: FireOptions = {},
): Promise<RunRecord[]> {
  const { store, clock, workerId } = ctx
  const { name } = record
  const dueAt = iso(due)
  const startAt = realOf(clock, due)
  const base = { kind: 'schedule' as const, name, dueAt, workerId }
  let release: (() => Promise<void>) | undefined
  if (!record.definition.overlap) {
    release = await takeRunningLock(ctx, name, startAt)
    if (!release) {
      const reason = 'the previous fire is still running (overlap="false")'
      ctx.counters.skipped++
      ctx.emit({ type: 'skipped', name, dueAt, reason })
      return [await store.recordRun({ ...base, status: 'skipped', result: { reason } })]
    }
  }
  try {
    // Read again (under the running lock: the previous fire may just have written the variables). A
    // pause that arrived while this fire was being prepared found no attempt to call off yet.
    const current = release || options.scheduled ? await store.getSchedule(name) : record
    if (options.scheduled && current?.status !== 'active') return []
    return await attempts(ctx, current ?? record, due, startAt, options)
  } finally {
    await release?.()
  }
}

async function attempts(
  ctx: FireContext,
  record: ScheduleRecord,
  due: number,
  startAt: number,
  options: FireOptions,
): Promise<RunRecord[]> {
  const { store, clock, workerId } = ctx
  const { name, definition } = record
  const dueAt = iso(due)
  const { body, functions, file, session, timeoutMs, retry } = definition
  const portable = {
    body,
    functions,
    snapshot: record.variables,
    ...(file ? { file } : {}),
    ...(session ? { session } : {}),
  }
  const payload = JSON.stringify(portable)
  const rows: RunRecord[] = []
  let outcome: AttemptOutcome | undefined
  for (let attempt = 1; attempt <= retry + 1; attempt++) {
    outcome = await ctx.runner.run({
      schedule: name,
      payload,
      startAt: attempt === 1 ? startAt : Date.now(),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(file ? { file } : {}),
      onLog: (entry) => ctx.emit({ type: 'log', name, entry }),
    })
    // Paused or deleted while its worker held it before the instant: it never ran, nothing to record.
    if (outcome.status === 'cancelled') return rows
    if (attempt === 1 && options.preparedFrom !== undefined && outcome.readyAt !== undefined) {
      ctx.lead.observe(outcome.readyAt - options.preparedFrom)
    }
    if (outcome.startedAt !== undefined) {
      ctx.emit({ type: 'fired', name, dueAt, attempt, lateMs: clockOf(clock, outcome.startedAt) - due })
    }
    const status: FireStatus = outcome.status === 'success' && options.late ? 'late' : outcome.status
    rows.push(
      await store.recordRun({
        kind: 'schedule',
        name,
        status,
        dueAt,
        startedAt: outcome.startedAt === undefined ? null : iso(clockOf(clock, outcome.startedAt)),
        completedAt: iso(clockOf(clock, outcome.endedAt)),
        attempt,
        workerId,
        result: outcome.result ?? null,
        error: outcome.error ?? null,
      }),
    )
    ctx.emit({
      type: 'finished',
      name,
      dueAt,
      attempt,
      status,
      ...(outcome.error ? { error: outcome.error.message } : {}),
    })
    if (outcome.status === 'success' || outcome.status === 'terminated' || ctx.stopping()) break
  }
  ctx.counters.fired++
  const ran = outcome?.startedAt === undefined ? {} : { lastRun: iso(clockOf(clock, outcome.startedAt)) }
  if (outcome?.status === 'success') {
    await store.updateSchedule(name, {
      ...ran,
      addRuns: 1,
      lastError: null,
      ...(outcome.component ? { variables: outcome.component } : {}),
    })
  } else if (outcome?.status !== 'terminated') {
    ctx.counters.failed++
    await store.updateSchedule(name, {
      ...ran,
      addRuns: 1,
      addErrors: 1,
      lastError: outcome?.error?.message ?? 'the fire failed',
    })
  }
  return rows
}
