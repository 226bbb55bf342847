import type { SerializedError } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import type { RunRecord } from '../../src/index'
import type { Stores } from './describeStore'
import { ISO_Z, scheduleDefinition, sleep, until } from './harness'

const failure: SerializedError = {
  name: 'RuntimeError',
  code: 'RUNTIME_QUERY',
  message: 'no such table: orders',
  position: { start: { line: 4, column: 7, offset: 60 }, end: { line: 4, column: 40, offset: 93 } },
  file: 'app/report.q',
}

export function historyTests(stores: Stores): void {
  describe('run history', () => {
    it('records a run with its times, attempt, worker, result and error', async () => {
      const store = await stores.open()
      const recorded = await store.recordRun({
        kind: 'schedule',
        name: 'report',
        status: 'error',
        dueAt: '2027-03-14T07:00:00Z',
        startedAt: new Date('2027-03-14T07:00:00.004Z'),
        completedAt: '2027-03-14T04:00:01.254-03:00',
        attempt: 2,
        workerId: 'host-1:4242',
        result: { rows: [1, 2], note: 'partial' },
        error: failure,
      })
      expect(recorded).toMatchObject({
        kind: 'schedule',
        name: 'report',
        status: 'error',
        dueAt: '2027-03-14T07:00:00.000Z',
        startedAt: '2027-03-14T07:00:00.004Z',
        completedAt: '2027-03-14T07:00:01.254Z',
        durationMs: 1250,
        attempt: 2,
        workerId: 'host-1:4242',
        runId: null,
        queue: null,
        result: { rows: [1, 2], note: 'partial' },
        error: failure,
      })
      expect(recorded.recordedAt).toMatch(ISO_Z)

      const skipped = await store.recordRun({ kind: 'schedule', name: 'report', status: 'skipped' })
      expect(skipped).toMatchObject({
        attempt: 1,
        startedAt: null,
        completedAt: null,
        durationMs: null,
        result: null,
        error: null,
      })
      expect(skipped.id).toBeGreaterThan(recorded.id)

      const other = await stores.open()
      expect(await other.history({ name: 'report' })).toEqual([skipped, recorded])
    })

    it('returns history newest first, filtered by name, kind and status, and limited', async () => {
      const store = await stores.open()
      const other = await stores.open()
      const rows = [
        { kind: 'schedule', name: 'a', status: 'success' },
        { kind: 'job', name: 'b', status: 'error', runId: '17', queue: 'mail', attempt: 1 },
        { kind: 'schedule', name: 'a', status: 'timeout' },
        { kind: 'job', name: 'b', status: 'success', runId: '17', queue: 'mail', attempt: 2 },
        { kind: 'schedule', name: 'a', status: 'missed' },
        { kind: 'schedule', name: 'b', status: 'late' },
      ] as const
      const ids: number[] = []
      for (const [index, row] of rows.entries())
        ids.push((await (index % 2 ? other : store).recordRun(row)).id)

      const idsOf = (runs: { id: number }[]) => runs.map((run) => run.id)
      expect(idsOf(await store.history())).toEqual([...ids].reverse())
      expect(idsOf(await store.history({ name: 'a' }))).toEqual([ids[4], ids[2], ids[0]])
      expect(idsOf(await store.history({ name: 'b', kind: 'job' }))).toEqual([ids[3], ids[1]])
      expect(idsOf(await store.history({ kind: 'schedule', status: 'late' }))).toEqual([ids[5]])
      expect(idsOf(await store.history({ status: ['error', 'timeout', 'missed'] }))).toEqual([
        ids[4],
        ids[2],
        ids[1],
      ])
      expect(idsOf(await store.history({ limit: 2 }))).toEqual([ids[5], ids[4]])
      expect(idsOf(await store.history({ name: 'a', status: 'success', limit: 5 }))).toEqual([ids[0]])
      expect(await store.history({ limit: 0 })).toEqual([])
      expect(await store.history({ name: 'nobody' })).toEqual([])
      expect(idsOf(await other.history({ name: 'b', runId: '17' }))).toEqual([ids[3], ids[1]])
      expect(await store.history({ runId: '18' })).toEqual([])
      const attempts = await store.history({ name: 'b', kind: 'job' })
      expect(attempts.map((run) => [run.attempt, run.runId, run.queue])).toEqual([
        [2, '17', 'mail'],
        [1, '17', 'mail'],
      ])
    })

    it('pages by id: rows before one id, and rows recorded after one', async () => {
      const store = await stores.open()
      const other = await stores.open()
      const ids: number[] = []
      for (let index = 0; index < 7; index++)
        ids.push(
          (
            await (index % 2 ? other : store).recordRun({
              kind: 'job',
              name: index % 3 ? 'a' : 'b',
              status: 'success',
            })
          ).id,
        )

      const idsOf = (runs: { id: number }[]) => runs.map((run) => run.id)
      const first = await store.history({ limit: 3 })
      expect(idsOf(first)).toEqual([ids[6], ids[5], ids[4]])
      const second = await store.history({ limit: 3, beforeId: first.at(-1)?.id as number })
      expect(idsOf(second)).toEqual([ids[3], ids[2], ids[1]])
      expect(idsOf(await store.history({ name: 'a', beforeId: ids[4] as number }))).toEqual([ids[2], ids[1]])
      expect(idsOf(await store.history({ afterId: ids[4] as number }))).toEqual([ids[6], ids[5]])
      expect(idsOf(await other.history({ afterId: ids[1] as number, beforeId: ids[4] as number }))).toEqual([
        ids[3],
        ids[2],
      ])
      expect(await store.history({ afterId: ids[6] as number })).toEqual([])
      await expect(store.history({ beforeId: -1 })).rejects.toMatchObject({ code: 'STORE_ERROR' })
      await expect(store.history({ afterId: 1.5 })).rejects.toMatchObject({ code: 'STORE_ERROR' })
    })

    it('tells a watcher of every row recorded from now on by any instance, in id order', async () => {
      const watcher = await stores.open()
      const worker = await stores.open()
      const before = await worker.recordRun({ kind: 'job', name: 'early', status: 'success' })
      const seen: RunRecord[] = []
      const stop = await watcher.watchRuns((run) => seen.push(run))
      const recorded: RunRecord[] = []
      for (let index = 0; index < 3; index++)
        recorded.push(await worker.recordRun({ kind: 'schedule', name: `s${index}`, status: 'success' }))
      recorded.push(
        ...(await Promise.all(
          ['a', 'b', 'c'].map((name) => worker.recordRun({ kind: 'job', name, status: 'error' })),
        )),
      )
      recorded.push(await watcher.recordRun({ kind: 'job', name: 'own', status: 'success', result: 42 }))
      await until(() => seen.length >= recorded.length, 5000, 'the recorded rows')
      expect(seen).toEqual([...recorded].sort((a, b) => a.id - b.id))
      expect(seen.every((run) => run.id > before.id)).toBe(true)

      await stop()
      await worker.recordRun({ kind: 'job', name: 'late', status: 'success' })
      const other = await stores.open()
      const heard: string[] = []
      const stopOther = await other.watchRuns((run) => heard.push(run.name))
      await worker.recordRun({ kind: 'job', name: 'last', status: 'success' })
      await until(() => heard.length > 0, 5000, 'the last row')
      expect(heard).toEqual(['last'])
      expect(seen).toHaveLength(recorded.length)
      await stopOther()
    })

    it('returns at most 100 rows unless asked for more', async () => {
      const store = await stores.open()
      for (let index = 0; index < 130; index++)
        await store.recordRun({ kind: 'job', name: 'n', status: 'success' })
      expect(await store.history()).toHaveLength(100)
      expect(await store.history({ limit: 500 })).toHaveLength(130)
    })

    it('keeps only the newest rows per name when retention bounds them', async () => {
      const store = await stores.open({ retention: { maxPerName: 3, maxAgeMs: null } })
      const a: number[] = []
      for (let index = 0; index < 5; index++)
        a.push((await store.recordRun({ kind: 'schedule', name: 'a', status: 'success' })).id)
      await store.recordRun({ kind: 'schedule', name: 'b', status: 'success' })
      await store.recordRun({ kind: 'job', name: 'b', status: 'success' })
      expect((await store.history({ name: 'a' })).map((run) => run.id)).toEqual(a.slice(2).reverse())
      expect(await store.history({ name: 'b' })).toHaveLength(2)
    })

    it('records runs made all at once, each with its own id, and keeps the newest per name', async () => {
      const store = await stores.open({ retention: { maxPerName: 10, maxAgeMs: null } })
      const runs = await Promise.all(
        Array.from({ length: 60 }, (_, index) =>
          store.recordRun({
            kind: 'job',
            name: index % 2 ? 'odd' : 'even',
            status: 'success',
            attempt: index + 1,
          }),
        ),
      )
      expect(new Set(runs.map((run) => run.id)).size).toBe(60)
      for (const [name, first] of [
        ['even', 1],
        ['odd', 2],
      ] as const) {
        const kept = await store.history({ name })
        expect(kept.map((run) => run.attempt)).toEqual(
          Array.from({ length: 10 }, (_, index) => first + 58 - 2 * index),
        )
      }
    })

    it('deletes rows older than the retention age', async () => {
      const store = await stores.open({ retention: { maxAgeMs: 300, maxPerName: null } })
      await store.recordRun({ kind: 'schedule', name: 'old', status: 'success' })
      await sleep(600)
      const fresh = await store.recordRun({ kind: 'schedule', name: 'new', status: 'success' })
      expect(await store.history()).toEqual([fresh])
    })

    it('keeps the history of a deleted schedule', async () => {
      const store = await stores.open()
      await store.registerSchedule(scheduleDefinition('gone'), { nextRun: null })
      const run = await store.recordRun({ kind: 'schedule', name: 'gone', status: 'success' })
      await store.deleteSchedule('gone')
      expect(await store.history({ name: 'gone' })).toEqual([run])
    })

    it('refuses a bad row with STORE_ERROR and records nothing', async () => {
      const store = await stores.open()
      const bad = [
        { kind: 'schedule', name: 'x', status: 'done' },
        { kind: 'thread', name: 'x', status: 'success' },
        { kind: 'schedule', name: 'x', status: 'success', attempt: 0 },
        { kind: 'schedule', name: 'x', status: 'success', startedAt: 'yesterday' },
        { kind: 'schedule', name: 'x', status: 'success', result: { n: 1n } },
      ]
      for (const run of bad) {
        await expect(store.recordRun(run as never)).rejects.toMatchObject({ code: 'STORE_ERROR' })
      }
      await expect(store.history({ status: 'done' as never })).rejects.toMatchObject({ code: 'STORE_ERROR' })
      await expect(store.history({ limit: -1 })).rejects.toMatchObject({ code: 'STORE_ERROR' })
      expect(await store.history()).toEqual([])
    })
  })
}
