// @ts-check
import { createScheduler } from '@quantum/scheduler'
import { openSqliteStore } from '@quantum/store/sqlite'
import { Cron } from 'croner'
import { benchSchedule } from './benchSchedule.mjs'

// One row of bench/schedule.ts's scale table, in a process of its own so its peak RSS and threads (read
// from outside) are its alone: `node lib/scheduleScale.mjs quantum|croner N SECONDS HOME` hosts N timers
// of 5 s (ours with a one-`q:set` body on a SQLite store in the empty folder HOME, or croner's with a
// callback that only notes the time), measures a window of SECONDS from the moment all N are registered,
// and prints one JSON line (a ScaleResult, lib/scaleResult.ts). Plain JavaScript on the built packages,
// as `quantum worker start` runs: under tsx the loader's own thread and ~35 MB would count against the
// targets.

const INTERVAL_MS = 5_000

/** @typedef {import('./scaleResult').ScaleResult} ScaleResult */
/** @typedef {{ name: string, due: number, lateMs: number }} Fire */
/** @typedef {{ failed: number, skipped: number, problems: number, firstProblem?: string }} Counts */
/**
 * What a side does: host `n` timers and note each fire; `anchors` holds each timer's first due instant
 * as registered (its grid); `stop` ends them.
 * @typedef {{ fires: Fire[], anchors: Map<string, number>, counts: Counts, stop: () => Promise<void> }} Side
 */

const [sideArg, nArg, secondsArg, home = ''] = process.argv.slice(2)
const side = sideArg === 'croner' ? 'croner' : 'quantum'
const n = Number(nArg)
const seconds = Number(secondsArg ?? 60)

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const BODY = '<q:component name="Scale"><q:set name="x" value="{1}"/></q:component>'

/** @returns {Promise<Side>} */
async function hostQuantum() {
  const store = await openSqliteStore({ home })
  /** @type {Fire[]} */
  const fires = []
  /** @type {Map<string, number>} */
  const anchors = new Map()
  /** @type {Counts} */
  const counts = { failed: 0, skipped: 0, problems: 0 }
  const workers = process.env.SCHEDULER_WORKERS ? Number(process.env.SCHEDULER_WORKERS) : undefined
  /** @param {import('@quantum/scheduler').SchedulerEvent} event */
  const onEvent = (event) => {
    if (event.type === 'fired' && event.attempt === 1)
      fires.push({ name: event.name, due: Date.parse(event.dueAt), lateMs: event.lateMs })
    else if (event.type === 'finished' && event.status !== 'success' && event.status !== 'late')
      counts.failed++
    else if (event.type === 'skipped' || event.type === 'missed') counts.skipped++
    else if (event.type === 'problem') {
      counts.problems++
      counts.firstProblem ??= event.message
    }
  }
  const scheduler = createScheduler({ store, onEvent, ...(workers === undefined ? {} : { workers }) })
  await scheduler.start()
  for (let i = 0; i < n; i++) {
    const name = `s${i}`
    const info = await scheduler.service.register(
      benchSchedule(name, { kind: 'interval', everyMs: INTERVAL_MS }, BODY),
    )
    if (info.next_run !== null) anchors.set(name, Date.parse(info.next_run))
  }
  return {
    fires,
    anchors,
    counts,
    async stop() {
      await scheduler.stop()
      await store.close()
    },
  }
}

/** @returns {Side} */
function hostCroner() {
  /** @type {Fire[]} */
  const fires = []
  /** @type {Map<string, number>} */
  const anchors = new Map()
  /** @type {Cron[]} */
  const jobs = []
  for (let i = 0; i < n; i++) {
    const name = `c${i}`
    const job = new Cron('*/5 * * * * *', { timezone: 'UTC' }, (/** @type {Cron} */ self) => {
      const now = Date.now()
      const due = self.currentRun()?.getTime() ?? now
      fires.push({ name, due, lateMs: now - due })
    })
    anchors.set(name, job.nextRun()?.getTime() ?? Number.NaN)
    jobs.push(job)
  }
  return {
    fires,
    anchors,
    counts: { failed: 0, skipped: 0, problems: 0 },
    async stop() {
      for (const job of jobs) job.stop()
    },
  }
}

const host = side === 'croner' ? hostCroner() : await hostQuantum()
const from = Date.now()
const cpu = process.cpuUsage()
await sleep(seconds * 1000)
const used = process.cpuUsage(cpu)
const measuredMs = Date.now() - from
// Due instants from the last registration through SECONDS later, both ends in: one instant every 5 s of
// each timer, whatever its phase.
const to = from + seconds * 1000
// Fires due just before the end may start a little after it: give them one interval.
await sleep(INTERVAL_MS)
await host.stop()

const inWindow = host.fires.filter((fire) => fire.due >= from && fire.due <= to)
/** @type {Map<string, Set<number>>} */
const firedAt = new Map()
let duplicates = 0
for (const fire of inWindow) {
  const instants = firedAt.get(fire.name) ?? new Set()
  if (instants.has(fire.due)) duplicates++
  instants.add(fire.due)
  firedAt.set(fire.name, instants)
}
let expected = 0
let seen = 0
let missing = 0
for (const [name, anchor] of host.anchors) {
  const instants = firedAt.get(name)
  let missed = false
  const first = anchor + Math.max(0, Math.ceil((from - anchor) / INTERVAL_MS)) * INTERVAL_MS
  for (let due = first; due <= to; due += INTERVAL_MS) {
    expected++
    if (instants?.has(due)) seen++
    else missed = true
  }
  if (missed) missing++
}
/** @type {ScaleResult} */
const result = {
  side,
  n,
  seconds,
  cpuPerMinute: ((used.user + used.system) / 1e6) * (60_000 / measuredMs),
  late: inWindow.map((fire) => fire.lateMs),
  firstLate: inWindow.filter((fire) => fire.due === host.anchors.get(fire.name)).map((fire) => fire.lateMs),
  expected,
  seen,
  duplicates,
  missing,
  ...host.counts,
}
process.stdout.write(`${JSON.stringify(result)}\n`)
