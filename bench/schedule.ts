import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from '@quantum/parser'
import type { ScheduleDefinition, ScheduleTrigger } from '@quantum/runtime'
import { createScheduler } from '@quantum/scheduler'
import { openSqliteStore } from '@quantum/store/sqlite'
import { Cron } from 'croner'
import { percentile } from './lib/measure'

// Lateness from the due instant to the body's first statement: q:schedule fires (1 s intervals and
// per-second cron, in Bree workers started ahead and held until the instant) against croner firing an
// empty callback on the same per-second cron, the floor. Several schedules at once so 200 fires take ~10 s.
// Each schedule's first fire starts a cold worker (all twenty at once here): reported apart from the 200.
const FIRES = 200
const SCHEDULES = 20 // half interval, half cron; ~20 fires a second

const { component } = parse('<q:component name="Bench"><q:return value="{1}"/></q:component>', {
  file: 'bench.q',
})
const definition = (name: string, trigger: ScheduleTrigger): ScheduleDefinition => ({
  name,
  trigger,
  timezone: 'UTC',
  retry: 0,
  overlap: false,
  enabled: true,
  misfire: 'skip',
  body: component.body,
  functions: [],
  snapshot: {},
})

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
    await scheduler.service.register(definition(`s${i}`, trigger))
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
