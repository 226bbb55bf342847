import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openOutbox } from '@quantum/runtime/services'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ControlEvent, Store } from '../src/index'
import { openSqliteStore, STATE_DATABASE_FILE } from '../src/sqlite'
import { inChild } from './child'
import { scheduleDefinition, until } from './conformance/harness'

let home: string
const opened: { close(): unknown }[] = []
const open = async (options: Parameters<typeof openSqliteStore>[0] = {}): Promise<Store> => {
  const store = await openSqliteStore({ home, ...options })
  opened.push(store)
  return store
}
const raw = () => {
  const db = new Database(join(home, STATE_DATABASE_FILE))
  opened.push(db)
  return db
}
const columns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name)

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'quantum-store-sqlite-'))
})
afterEach(async () => {
  for (const handle of opened.splice(0)) await handle.close()
  await rm(home, { recursive: true, force: true })
})

describe('the SQLite file', () => {
  it('is <home>/quantum.db in WAL mode, created with its folder', async () => {
    home = join(home, 'nested', '.quantum')
    await open()
    expect(existsSync(join(home, 'quantum.db'))).toBe(true)
    expect(raw().pragma('journal_mode', { simple: true })).toBe('wal')
  })

  it('keeps the proposal’s tables and columns, extended after them', async () => {
    await open()
    const db = raw()
    expect(columns(db, 'quantum_jobs').slice(0, 10)).toEqual([
      'id',
      'name',
      'type',
      'config',
      'status',
      'last_run',
      'next_run',
      'run_count',
      'error_count',
      'created_at',
    ])
    expect(columns(db, 'quantum_job_history').slice(0, 7)).toEqual([
      'id',
      'job_id',
      'started_at',
      'completed_at',
      'status',
      'result',
      'error',
    ])
    expect(columns(db, 'quantum_job_history')).toEqual(
      expect.arrayContaining(['kind', 'name', 'attempt', 'worker_id', 'duration_ms', 'due_at']),
    )
  })

  it('writes rows a user can read with SQL: UTC timestamps with Z, history linked to its schedule', async () => {
    const store = await open()
    const schedule = await store.registerSchedule(scheduleDefinition('cleanup'), {
      nextRun: '2027-11-07T01:30:00-04:00',
    })
    await store.recordRun({
      kind: 'schedule',
      name: 'cleanup',
      status: 'error',
      startedAt: '2027-11-07T05:30:00Z',
      completedAt: '2027-11-07T05:30:02Z',
      result: { removed: 3 },
      error: { name: 'RuntimeError', code: 'RUNTIME_QUERY', message: 'no such table: sessions' },
    })
    const db = raw()
    const job = db.prepare("SELECT * FROM quantum_jobs WHERE name = 'cleanup'").get() as Record<
      string,
      unknown
    >
    expect(job).toMatchObject({
      id: schedule.id,
      type: 'schedule',
      status: 'active',
      next_run: '2027-11-07T05:30:00.000Z',
    })
    expect(JSON.parse(job.config as string)).toEqual(scheduleDefinition('cleanup'))
    expect(job.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    const history = db.prepare('SELECT * FROM quantum_job_history').get() as Record<string, unknown>
    expect(history).toMatchObject({
      job_id: schedule.id,
      started_at: '2027-11-07T05:30:00.000Z',
      completed_at: '2027-11-07T05:30:02.000Z',
      duration_ms: 2000,
      status: 'error',
      result: '{"removed":3}',
      error: 'no such table: sessions',
    })
    await store.deleteSchedule('cleanup')
    expect(db.prepare('SELECT job_id FROM quantum_job_history').get()).toEqual({ job_id: null })
  })

  it('writes the runs recorded just before it closes', async () => {
    const store = await openSqliteStore({ home })
    const recorded = Array.from({ length: 5 }, () =>
      store.recordRun({ kind: 'job', name: 'late', status: 'success' }),
    )
    await store.close()
    expect(await Promise.all(recorded)).toHaveLength(5)
    expect(raw().prepare("SELECT COUNT(*) FROM quantum_job_history WHERE name = 'late'").pluck().get()).toBe(
      5,
    )
  })

  it('applies each migration once, and refuses a file from a newer version', async () => {
    await (await open()).close()
    await open()
    const db = raw()
    expect(db.prepare('SELECT version FROM quantum_store_migrations').all()).toEqual([{ version: 1 }])
    db.prepare(
      "INSERT INTO quantum_store_migrations VALUES (99, 'from the future', '2030-01-01T00:00:00.000Z')",
    ).run()
    await expect(open()).rejects.toMatchObject({
      code: 'STORE_ERROR',
      message: expect.stringContaining('schema version 99'),
    })
  })

  it('shares the file with the runtime’s mail outbox', async () => {
    const store = await open()
    const outbox = openOutbox(home)
    opened.push(outbox)
    await store.registerSchedule(scheduleDefinition('mailer'), { nextRun: null })
    expect(outbox.list()).toEqual([])
    expect((await store.listSchedules()).map((s) => s.name)).toEqual(['mailer'])
  })

  it('defaults to QUANTUM_HOME', async () => {
    const saved = process.env.QUANTUM_HOME
    process.env.QUANTUM_HOME = join(home, 'from-env')
    try {
      const store = await openSqliteStore()
      opened.push(store)
      expect(store.location).toBe(join(home, 'from-env', 'quantum.db'))
    } finally {
      if (saved === undefined) delete process.env.QUANTUM_HOME
      else process.env.QUANTUM_HOME = saved
    }
  })

  it('reports a state folder it cannot create as STORE_UNAVAILABLE, and bad options as STORE_ERROR', async () => {
    const file = join(home, 'a-file')
    await writeFile(file, 'not a folder')
    await expect(openSqliteStore({ home: file })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' })
    await expect(openSqliteStore({ home, pollMs: 2000 })).rejects.toMatchObject({ code: 'STORE_ERROR' })
    await expect(openSqliteStore({ home, retention: { maxPerName: 0 } })).rejects.toMatchObject({
      code: 'STORE_ERROR',
    })
  })
})

describe('several processes on one file', () => {
  it('open a new file at once, migrate it once, and lose no write', async () => {
    const child = { kind: 'sqlite' as const, home }
    const startAt = Date.now() + 1000
    await Promise.all([
      inChild(child, 'record', ['shared', '25'], startAt),
      inChild(child, 'record', ['shared', '25'], startAt),
      inChild(child, 'register', ['shared'], startAt),
      inChild(child, 'register', ['shared'], startAt),
    ])
    const counts = Array.from({ length: 4 }, () =>
      inChild(child, 'count', ['shared', '10'], Date.now() + 800),
    )
    await Promise.all(counts)
    const store = await open()
    expect(await store.history({ name: 'shared', limit: 1000 })).toHaveLength(50)
    expect((await store.getSchedule('shared'))?.runCount).toBe(40)
    expect(raw().prepare('SELECT version FROM quantum_store_migrations').all()).toEqual([{ version: 1 }])
  })

  it('grant a contended lock to exactly one process', async () => {
    await (await open()).close()
    const startAt = Date.now() + 800
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((owner) =>
        inChild({ kind: 'sqlite', home }, 'lock', ['fire:tick:2027-01-01T00:00:00.000Z', owner], startAt),
      ),
    )
    expect(results.filter(({ result }) => result === true)).toHaveLength(1)
  })

  it('deliver pause and resume from another process to a watcher within a second', async () => {
    const worker = await open()
    await worker.registerSchedule(scheduleDefinition('tick'), { nextRun: null })
    const events: (ControlEvent & { receivedAt: number })[] = []
    await worker.watch((event) => events.push({ ...event, receivedAt: Date.now() }))
    for (const action of ['pause', 'resume'] as const) {
      const { result, doneAt } = await inChild({ kind: 'sqlite', home }, action, ['tick'])
      expect(result).toBe(true)
      await until(
        () => events.some((event) => event.action === action),
        2000,
        `${action} from another process`,
      )
      const event = events.find((each) => each.action === action)!
      expect(event).toMatchObject({ kind: 'schedule', name: 'tick' })
      // From the instant the other process's write returned; wide margin against "within a second".
      expect(event.receivedAt - doneAt).toBeLessThan(1000)
    }
    expect((await worker.getSchedule('tick'))?.status).toBe('active')
  })
})
