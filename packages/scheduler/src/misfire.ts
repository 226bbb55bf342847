import type { RunRecord, ScheduleRecord } from '@quantum/store'
import { type FireContext, iso } from './context'
import { runFire } from './fire'
import { missedSince, nextOnGrid } from './triggers'

/**
 * A schedule whose due instant `due` passed while no worker ran it (a stopped host, a sleeping
 * machine). The caller holds the fire lock of `due`. The missed instants are coalesced: within the
 * misfire grace of the last one (`misfire="grace"`, the default), or with `misfire="run-once"`, the body
 * runs once now (`late`); otherwise (`skip`, or past the grace) one `missed` row says how many were missed,
 * first and last. Either way the stored nextRun
 * moves to the next instant ahead, which the result returns (null when the trigger is done).
 */
export async function handleMisfire(
  ctx: FireContext,
  record: ScheduleRecord,
  due: number,
): Promise<{ next: number | null; run: Promise<RunRecord[]> }> {
  const { store, clock } = ctx
  const { name, definition } = record
  const { trigger, timezone } = definition
  const now = clock.now()
  const missed = missedSince(trigger, timezone, due, now)
  const next = nextOnGrid(trigger, timezone, missed.last, now)
  await store.updateSchedule(name, { nextRun: next === null ? null : new Date(next) })
  const withinGrace = now - missed.last <= ctx.misfireGraceMs
  if (definition.misfire === 'run-once' || (definition.misfire === 'grace' && withinGrace)) {
    return { next, run: runFire(ctx, record, missed.last, { late: true }) }
  }
  const summary = {
    missed: missed.count,
    more: missed.more,
    first: iso(missed.first),
    last: iso(missed.last),
    reason:
      definition.misfire === 'skip'
        ? 'misfire="skip": fires missed while no worker ran are not run'
        : `no worker ran it within the misfire grace (${ctx.misfireGraceMs} ms)`,
  }
  ctx.counters.skipped++
  ctx.emit({ type: 'missed', name, dueAt: iso(missed.first), count: missed.count, last: iso(missed.last) })
  const row = await store.recordRun({
    kind: 'schedule',
    name,
    status: 'missed',
    dueAt: iso(missed.first),
    workerId: ctx.workerId,
    result: summary,
  })
  return { next, run: Promise.resolve([row]) }
}
