import { ErrorCodes } from '@quantum/ast'
import { afterEach, expect, it } from 'vitest'
import { createScheduleRegistrar, createScheduler, type SchedulerEvent } from '../../src/index'
import { historyOf, schedule, sleep, tempStore } from '../support/quantum'

/**
 * Issue 19, item 13: `interval="1ms"` flooded a worker with 600 "skipped" lines a second at 137 % CPU.
 * The scheduler refuses an interval under one second wherever it comes from: a registration through the
 * API, or a definition stored before the check existed.
 */
let cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  cleanups = []
})

const flood = () =>
  schedule('flood', '<q:return value="{1}"/>', { trigger: { kind: 'interval', everyMs: 1 } })
const refusal = {
  code: ErrorCodes.PARSE_INVALID_DURATION,
  message: 'Interval must be at least 1s: 1ms',
}

async function setup() {
  const t = await tempStore()
  cleanups.push(t.cleanup)
  const events: SchedulerEvent[] = []
  const scheduler = createScheduler({ store: t.store, onEvent: (event) => events.push(event) })
  cleanups.push(() => scheduler.stop())
  return { ...t, scheduler, events }
}

it('refuses a 1 ms interval registered through the scheduler or the registrar, storing nothing', async () => {
  const { store, scheduler } = await setup()
  await scheduler.start()
  await expect(scheduler.service.register(flood())).rejects.toMatchObject(refusal)
  await expect(createScheduleRegistrar(store).register(flood())).rejects.toMatchObject(refusal)
  expect(await store.getSchedule('flood')).toBeUndefined()
})

it('reports a 1 ms interval stored earlier once, and never fires it', async () => {
  const { store, scheduler, events } = await setup()
  // As a store written before the minimum holds it: registered without the scheduler's check.
  await store.registerSchedule(flood(), { nextRun: new Date() })
  await scheduler.start()
  await sleep(2_000)
  // 2 s of a 1 ms interval: about 2,000 fires or skips before; none now, and one problem.
  expect(events).toEqual([{ type: 'problem', name: 'flood', ...refusal }])
  expect(await historyOf(store, 'flood')).toEqual([])
  expect(scheduler.stats().schedules).toBe(0)
})
