import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ScheduleTrigger } from '@quantum/runtime'
import { createScheduler } from '@quantum/scheduler'
import { openSqliteStore } from '@quantum/store/sqlite'
import { Cron } from 'croner'
import { benchSchedule } from './lib/benchSchedule.mjs'
import { percentile } from './lib/measure'
import { processStatus } from './lib/processStatus'
import type { ScaleResult } from './lib/scaleResult'

// Lateness from the due instant to the body's first statement: q:schedule fires (1 s intervals and
// per-second cron, in Bree workers started ahead and held until the instant) against croner firing an
// empty callback on the same per-second cron, the floor. Several schedules at once so 200 fires take ~10 s.
// Each schedule's first fire starts a cold worker (all twenty at once here): reported apart from the 200.
// Then the scale table: N schedules of 5 s in one process, beside croner hosting N timers (see below).
const FIRES = 200
const SCHEDULES = 20 // half interval, half cron; ~20 fires a second
/** Fire worker threads (`SchedulerOptions.workers`); the scheduler's default when unset. */
const WORKERS = process.env.SCHEDULER_WORKERS ? Number(process.env.SCHEDULER_WORKERS) : undefined

const BODY = '<q:component name="Bench"><q:return value="{1}"/></q:component>'

/** Steady-state fires (a warm worker per schedule), and each schedule's first fire (a cold worker) apart. */
async function quantumLateness(): Promise<{ late: number[]; early: number; cold: number[] }> {
  const home = mkdtempSync(join(tmpdir(), 'quantum-bench-schedule-'))
  const store = await openSqliteStore({ home })
  const late: number[] = []
  const cold: number[] = []
  const seen = new Set<string>()
  let early = 0
  let done!: () => void
  const finished = new Promise<void>((resolve) => {
    done = resolve
  })
  const scheduler = createScheduler({
    store,
    ...(WORKERS === undefined ? {} : { workers: WORKERS }),
    onEvent: (event) => {
      if (event.type !== 'fired' || late.length >= FIRES) return
      if (event.lateMs < 0) early++
      if (!seen.has(event.name)) {
        seen.add(event.name)
        cold.push(event.lateMs)
        return
      }
      late.push(event.lateMs)
      if (late.length === FIRES) done()
    },
  })
  await scheduler.start()
  for (let i = 0; i < SCHEDULES; i++) {
    const trigger: ScheduleTrigger =
      i % 2 === 0 ? { kind: 'interval', everyMs: 1_000 } : { kind: 'cron', expression: '* * * * * *' }
    await scheduler.service.register(benchSchedule(`s${i}`, trigger, BODY))
  }
  await finished
  await scheduler.stop()
  await store.close()
  rmSync(home, { recursive: true, force: true })
  return { late, early, cold }
}

async function cronerLateness(): Promise<{ late: number[]; early: number }> {
  const late: number[] = []
  let early = 0
  const jobs: Cron[] = []
  await new Promise<void>((resolve) => {
    for (let i = 0; i < SCHEDULES; i++) {
      const job = new Cron('* * * * * *', { timezone: 'UTC' }, (self: Cron) => {
        const now = Date.now()
        const due = self.currentRun()?.getTime() ?? Math.floor(now / 1000) * 1000
        if (late.length >= FIRES) return
        if (now < due) early++
        late.push(now - due)
        if (late.length === FIRES) resolve()
      })
      jobs.push(job)
    }
  })
  for (const job of jobs) job.stop()
  return { late, early }
}

const row = (label: string, { late, early }: { late: number[]; early: number }) =>
  console.log(
    `  ${label.padEnd(44)} p50 ${percentile(late, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(late, 99).toFixed(1).padStart(6)} ms   max ${Math.max(
      ...late,
    )
      .toFixed(0)
      .padStart(4)} ms   early ${early}`,
  )

console.log(`q:schedule lateness, due instant -> body start (${FIRES} fires, ${SCHEDULES} schedules at once)`)
const quantum = await quantumLateness()
const croner = await cronerLateness()
row('@quantum/scheduler, warm workers', quantum)
row(`  each schedule's first fire (cold worker, n=${quantum.cold.length})`, { late: quantum.cold, early: 0 })
row('croner, empty callback (floor)', croner)
const gap = percentile(quantum.late, 99) - percentile(croner.late, 99)
console.log(
  `  p99 over croner's: ${gap.toFixed(1)} ms (target p99 <= 100 ms and 0 early; stretch within 10 ms of croner)`,
)

// The scale table: for each N, a fresh process hosts N schedules of interval 5 s (body: one q:set) on a
// temp SQLite home for SCALE_SECONDS, then another hosts N croner timers, so each row's peak RSS and
// threads are its own. SCALE_N=1,20 SCALE_SECONDS=15 is a quick run; a run whose RSS passes
// SCALE_MAX_RSS_MB (4 GiB) is ended and says so.
const SCALE_N = (process.env.SCALE_N ?? '1,100,1000').split(',').map(Number)
const SCALE_SECONDS = Number(process.env.SCALE_SECONDS ?? 60)
const MAX_RSS_MB = Number(process.env.SCALE_MAX_RSS_MB ?? 4096)
const TARGET = { rssMb: 400, threads: cpus().length + 4, cpuPerMinute: 9, lateP99: 100 }
const count = (value: number) => value.toLocaleString('en-US')

/** A scale run as the table shows it: the child's figures with its peak RSS and threads, or why there are none. */
type ScaleRow =
  | (ScaleResult & { peakRssMb: number; peakThreads: number })
  | { overBudget: string }
  | { error: string }

/**
 * One scale run in a child process on a temp home, watched from here (the child's own loop may be too
 * busy to watch itself): its peak threads and RSS, and a SIGKILL once its RSS passes MAX_RSS_MB.
 */
function scaleRun(side: 'quantum' | 'croner', n: number): Promise<ScaleRow> {
  const child = fileURLToPath(new URL('./lib/scheduleScale.mjs', import.meta.url))
  const home = mkdtempSync(join(tmpdir(), 'quantum-bench-scale-'))
  const started = Date.now()
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [child, side, String(n), String(SCALE_SECONDS), home], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let peakThreads = 0
    let peakRssMb = 0
    let overBudget: string | undefined
    const watch = setInterval(() => {
      const status = proc.pid === undefined ? undefined : processStatus(proc.pid)
      if (status === undefined || overBudget !== undefined) return
      peakThreads = Math.max(peakThreads, status.threads)
      peakRssMb = Math.max(peakRssMb, status.peakRssMb)
      if (status.rssMb <= MAX_RSS_MB) return
      const after = ((Date.now() - started) / 1000).toFixed(0)
      overBudget = `over budget: ${status.threads} threads / ${count(Math.round(status.rssMb))} MB RSS after ${after} s`
      proc.kill('SIGKILL')
    }, 100)
    let output = ''
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    proc.on('close', (code) => {
      clearInterval(watch)
      rmSync(home, { recursive: true, force: true })
      if (overBudget !== undefined) return resolve({ overBudget })
      const line = output.trimEnd().split('\n').at(-1) ?? ''
      try {
        resolve({ ...(JSON.parse(line) as ScaleResult), peakRssMb: Math.round(peakRssMb), peakThreads })
      } catch {
        resolve({ error: `exit ${code}, no result: ${line.slice(0, 120)}` })
      }
    })
  })
}

/** The percentile `p` of `values` in ms as a whole number, or `-` when there are none. */
const pct = (values: number[], p: number) => (values.length === 0 ? '-' : percentile(values, p).toFixed(0))

/**
 * The targets of issue 21 a quantum row misses (they are set for 1,000 schedules; smaller N must meet them
 * too). Threads count over croner's process of the same N: a bare Node process has 7 or more of its own
 * (11 with libuv's pool), so "cores + 4" can only be what the scheduler adds.
 */
const misses = (r: ScaleResult & { peakRssMb: number; peakThreads: number }, bareThreads: number) =>
  [
    r.peakRssMb >= TARGET.rssMb && 'RSS',
    r.peakThreads - bareThreads > TARGET.threads && 'threads',
    r.cpuPerMinute >= TARGET.cpuPerMinute && 'CPU',
    !(r.late.length > 0 && percentile(r.late, 99) <= TARGET.lateP99) && 'p99',
    r.late.some((ms) => ms < 0) && 'early',
    (r.missing > 0 || r.duplicates > 0) && 'intervals',
  ].filter(Boolean)

const COLUMNS: [string, number][] = [
  ['peak RSS', 10],
  ['threads', 11],
  ['CPU s/min', 11],
  ['late p50/p99/max ms', 21],
  ['early', 7],
  ['first p99', 11],
  ['fired/due', 17],
  ['missing', 9],
  ['twice', 7],
  ['failed/skip', 13],
]
const cells = (values: string[]) => values.map((value, i) => value.padStart(COLUMNS[i]?.[1] ?? 0)).join('')
const scaleRow = (label: string, n: number, r: ScaleRow, bare?: ScaleRow) => {
  const head = `  ${count(n).padStart(5)}  ${label.padEnd(8)}`
  if ('error' in r) return `${head}  failed: ${r.error}`
  if ('overBudget' in r) return `${head}  ${r.overBudget}`
  const max = r.late.length === 0 ? '-' : Math.max(...r.late).toFixed(0)
  const bareThreads = bare && 'peakThreads' in bare ? bare.peakThreads : undefined
  const verdict = r.side === 'croner' ? '' : `   ${misses(r, bareThreads ?? 0).join(', ') || 'all met'}`
  const over = bareThreads === undefined || r.side === 'croner' ? '' : ` (+${r.peakThreads - bareThreads})`
  return `${head}${cells([
    `${count(r.peakRssMb)} MB`,
    `${r.peakThreads}${over}`,
    r.cpuPerMinute.toFixed(1),
    `${pct(r.late, 50)} / ${pct(r.late, 99)} / ${max}`,
    String(r.late.filter((ms) => ms < 0).length),
    pct(r.firstLate, 99),
    `${count(r.seen)} / ${count(r.expected)}`,
    String(r.missing),
    String(r.duplicates),
    `${r.failed} / ${r.skipped}`,
  ])}${verdict}`
}

console.log(
  `\nScale: N schedules of interval 5 s (body: one q:set), ${SCALE_SECONDS} s from the last registration, each N and host in a fresh process; workers: ${WORKERS ?? 'default'}`,
)
console.log(
  `  ${'N'.padStart(5)}  ${'host'.padEnd(8)}${cells(COLUMNS.map(([title]) => title))}   targets missed`,
)
let scaleFailed = false
for (const n of SCALE_N) {
  const ours = await scaleRun('quantum', n)
  const theirs = await scaleRun('croner', n)
  if ('error' in ours || 'error' in theirs) scaleFailed = true
  console.log(scaleRow('quantum', n, ours, theirs))
  console.log(scaleRow('croner', n, theirs))
  if ('problems' in ours && ours.problems > 0)
    console.log(`         ${ours.problems} scheduler problems, the first: ${ours.firstProblem}`)
}
console.log(`  first p99: each schedule's first fire; missing: schedules with an instant in the window that did not fire;
  twice: an instant fired again. Ours fire 5 s apart from each one's registration; croner's N timers
  (*/5 * * * * *, a callback that only notes the time) all fire on the same instants.
  (+N): threads over croner's process of the same N (Node's own threads, libuv's pool), what the scheduler adds.
  Targets (issue 21, at 1,000 schedules): peak RSS < ${TARGET.rssMb} MB, threads added <= cores + 4 = ${TARGET.threads}, CPU < ${TARGET.cpuPerMinute} s/min (15 % of one core),
  late p99 <= ${TARGET.lateP99} ms with 0 early, none missing`)
if (scaleFailed) process.exitCode = 1
