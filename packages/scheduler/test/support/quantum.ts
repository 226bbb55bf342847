import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from '@quantum/parser'
import type { ScheduleDefinition } from '@quantum/runtime'
import type { RunRecord, Store } from '@quantum/store'
import { openSqliteStore } from '@quantum/store/sqlite'

/** A schedule definition whose body is `body` (Quantum markup), as `q:schedule` registers one. */
export function schedule(
  name: string,
  body: string,
  overrides: Partial<ScheduleDefinition> = {},
): ScheduleDefinition {
  const { component, file } = parse(`<q:component name="Test">${body}</q:component>`, { file: 'test.q' })
  return {
    name,
    trigger: { kind: 'interval', everyMs: 1000 },
    timezone: 'UTC',
    retry: 0,
    overlap: false,
    enabled: true,
    misfire: 'grace',
    body: component.body,
    functions: component.functions,
    snapshot: {},
    ...(file ? { file } : {}),
    ...overrides,
  }
}

/** A SQLite store in a temporary state folder; `cleanup` closes it and removes the folder. */
export async function tempStore(pollMs = 50) {
  const home = mkdtempSync(join(tmpdir(), 'quantum-scheduler-'))
  const store = await openSqliteStore({ home, pollMs })
  return {
    home,
    store,
    async cleanup() {
      await store.close().catch(() => {})
      rmSync(home, { recursive: true, force: true })
    },
  }
}

/** Resolves when `check` gives a truthy value (polling every 20 ms), with that value; rejects after `timeoutMs`. */
export async function until<T>(
  check: () => T | Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<Exclude<T, false | undefined | null>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value as Exclude<T, false | undefined | null>
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** A schedule's history, oldest first. */
export async function historyOf(store: Store, name: string): Promise<RunRecord[]> {
  return (await store.history({ name, limit: 1000 })).reverse()
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
