import { afterEach, expect, it } from 'vitest'
import { createScheduler } from '../src/index'
import { historyOf, schedule, tempStore, until } from './support/quantum'

let cleanup: (() => Promise<void>) | undefined
afterEach(async () => cleanup?.())

it('smoke', async () => {
  const t = await tempStore()
  const events: unknown[] = []
  const scheduler = createScheduler({ store: t.store, onEvent: (e) => events.push(e) })
  cleanup = async () => { await scheduler.stop(); await t.cleanup() }
  await scheduler.start()
  await scheduler.service.register(
    schedule('tick', '<q:set name="count" scope="component" value="{count + 1}"/><q:return value="{count}"/>', {
      trigger: { kind: "interval", everyMs: 500 }, snapshot: { count: 0 },
    }),
  )
  const rows = await until(async () => { const h = await historyOf(t.store, 'tick'); return h.length >= 3 && h }, 5000, 'fires')
  console.log(rows.map((r) => [r.status, r.dueAt, r.startedAt, r.result, r.error?.message]))
  console.log(events.filter((e: any) => e.type === 'fired'))
  expect(rows[0]!.status).toBe('success')
})
