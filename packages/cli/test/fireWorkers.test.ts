import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '@quantum/runtime/services'
import { liveWorkers } from '@quantum/runtime/workers'
import { openSqliteStore } from '@quantum/store/sqlite'
import { expect, it } from 'vitest'
import { HostConsole } from '../src/hosting/hostConsole'
import { createScheduleHost } from '../src/hosting/scheduleHost'

it('scheduler.workers fire workers start with the host, whatever the number of schedules, and stop with it', async () => {
  const home = mkdtempSync(join(tmpdir(), 'quantum-cli-fire-workers-'))
  const store = await openSqliteStore({ home })
  const sink = { write: () => true, isTTY: false }
  const host = createScheduleHost({
    store,
    bodies: { home },
    scheduler: { workers: 3 },
    console: new HostConsole(sink, sink, false),
    logger: createLogger({ write: () => {} }),
    details: {},
  })
  const before = liveWorkers().size
  try {
    await host.start()
    expect(liveWorkers().size - before).toBe(3)
    for (let i = 0; i < 50; i++) {
      await host.scheduler.service.register({
        name: `s${i}`,
        trigger: { kind: 'interval', everyMs: 60_000 },
        timezone: 'UTC',
        retry: 0,
        overlap: false,
        enabled: true,
        misfire: 'skip',
        body: [],
        functions: [],
        snapshot: {},
      })
    }
    expect(liveWorkers().size - before).toBe(3)
  } finally {
    await host.stop()
    await store.close()
    rmSync(home, { recursive: true, force: true })
  }
  expect(liveWorkers().size).toBe(before)
})
