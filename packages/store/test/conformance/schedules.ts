import { describe, expect, it } from 'vitest'
import type { Stores } from './describeStore'
import { ISO_Z, scheduleDefinition } from './harness'

export function scheduleTests(stores: Stores): void {
  describe('schedules', () => {
    it('keeps a definition whole, with its state, and reads it back from another instance', async () => {
      const store = await stores.open()
      const definition = scheduleDefinition('cleanup', {
        trigger: { kind: 'cron', expression: '0 */5 * * * *' },
        timezone: 'America/Sao_Paulo',
        timeoutMs: 30_000,
        session: { user: 'ana' },
      })
      const registered = await store.registerSchedule(definition, { nextRun: '2027-03-14T03:00:00-04:00' })
      expect(registered).toMatchObject({
        name: 'cleanup',
        status: 'active',
        nextRun: '2027-03-14T07:00:00.000Z',
        lastRun: null,
        runCount: 0,
        errorCount: 0,
        lastError: null,
        variables: { counter: 0, label: 'start' },
      })
      expect(registered.createdAt).toMatch(ISO_Z)
      expect(registered.updatedAt).toMatch(ISO_Z)

      const other = await stores.open()
      const read = await other.getSchedule('cleanup')
      expect(read).toEqual(registered)
      expect(read?.definition).toEqual(definition)
      expect(await other.getSchedule('nope')).toBeUndefined()
    })

    it('starts a disabled schedule paused', async () => {
      const store = await stores.open()
      const record = await store.registerSchedule(scheduleDefinition('off', { enabled: false }), {
        nextRun: null,
      })
      expect(record.status).toBe('paused')
      expect(record.nextRun).toBeNull()
    })

    it('replaces a definition on re-registration and keeps the schedule’s id, counts, variables and status', async () => {
      const store = await stores.open()
      const first = await store.registerSchedule(scheduleDefinition('report'), {
        nextRun: '2030-01-01T00:00:00Z',
      })
      await store.updateSchedule('report', {
        addRuns: 2,
        addErrors: 1,
        lastRun: '2029-12-31T23:59:00Z',
        lastError: 'boom',
        variables: { counter: 2, label: 'carried' },
      })
      await store.pauseSchedule('report')

      const changed = scheduleDefinition('report', {
        trigger: { kind: 'interval', everyMs: 5000 },
        snapshot: { counter: 0, label: 'reset by the top level' },
      })
      const second = await store.registerSchedule(changed, { nextRun: '2030-01-01T00:00:05Z' })
      expect(second).toMatchObject({
        id: first.id,
        status: 'paused',
        nextRun: '2030-01-01T00:00:05.000Z',
        runCount: 2,
        errorCount: 1,
        lastRun: '2029-12-31T23:59:00.000Z',
        lastError: 'boom',
        variables: { counter: 2, label: 'carried' },
        createdAt: first.createdAt,
      })
      expect(second.definition).toEqual(changed)
      expect(await store.listSchedules()).toHaveLength(1)

      // `enabled` changed in the source: the status follows it.
      const disabled = await store.registerSchedule(scheduleDefinition('report', { enabled: false }), {
        nextRun: null,
      })
      expect(disabled.status).toBe('paused')
      const enabled = await store.registerSchedule(scheduleDefinition('report'), { nextRun: null })
      expect(enabled.status).toBe('active')
    })

    it('registers one schedule when processes race to register the same name', async () => {
      const [a, b] = [await stores.open(), await stores.open()]
      const records = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          (index % 2 ? a : b).registerSchedule(scheduleDefinition('race', { retry: index }), {
            nextRun: null,
          }),
        ),
      )
      expect(new Set(records.map((record) => record.id)).size).toBe(1)
      const listed = await a.listSchedules()
      expect(listed.map((schedule) => schedule.name)).toEqual(['race'])
    })

    it('lists schedules by name and filters them by status', async () => {
      const store = await stores.open()
      for (const name of ['zeta', 'alpha', 'mid']) {
        await store.registerSchedule(scheduleDefinition(name), { nextRun: null })
      }
      await store.pauseSchedule('mid')
      expect((await store.listSchedules()).map((s) => s.name)).toEqual(['alpha', 'mid', 'zeta'])
      expect((await store.listSchedules({ status: 'paused' })).map((s) => s.name)).toEqual(['mid'])
      expect((await store.listSchedules({ status: 'active' })).map((s) => s.name)).toEqual(['alpha', 'zeta'])
    })

    it('applies state changes atomically and never re-creates a deleted schedule', async () => {
      const store = await stores.open()
      await store.registerSchedule(scheduleDefinition('count'), { nextRun: '2030-01-01T00:00:00Z' })
      const updated = await store.updateSchedule('count', {
        nextRun: null,
        lastError: 'failed once',
        addErrors: 1,
      })
      expect(updated).toMatchObject({ nextRun: null, lastError: 'failed once', errorCount: 1, runCount: 0 })
      const cleared = await store.updateSchedule('count', {
        lastError: null,
        lastRun: '2030-01-01T00:00:00Z',
      })
      expect(cleared).toMatchObject({
        lastError: null,
        errorCount: 1,
        variables: { counter: 0, label: 'start' },
      })
      const kept = await store.updateSchedule('count', { lastRun: undefined, variables: { counter: 1 } })
      expect(kept).toMatchObject({ lastRun: '2030-01-01T00:00:00.000Z', variables: { counter: 1 } })

      const other = await stores.open()
      await Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          (index % 2 ? store : other).updateSchedule('count', { addRuns: 1 }),
        ),
      )
      expect((await store.getSchedule('count'))?.runCount).toBe(40)

      expect(await store.deleteSchedule('count')).toBe(true)
      expect(await store.updateSchedule('count', { addRuns: 1, variables: { counter: 9 } })).toBeUndefined()
      expect(await store.getSchedule('count')).toBeUndefined()
    })

    it('pauses, resumes and deletes by name, and answers false for a name it does not know', async () => {
      const store = await stores.open()
      await store.registerSchedule(scheduleDefinition('tick'), { nextRun: null })
      expect(await store.pauseSchedule('tick')).toBe(true)
      expect((await store.getSchedule('tick'))?.status).toBe('paused')
      expect(await store.resumeSchedule('tick')).toBe(true)
      expect((await store.getSchedule('tick'))?.status).toBe('active')
      expect(await store.runScheduleNow('tick')).toBe(true)
      for (const action of ['pauseSchedule', 'resumeSchedule', 'deleteSchedule', 'runScheduleNow'] as const) {
        expect(await store[action]('ghost')).toBe(false)
      }
      expect(await store.getSchedule('ghost')).toBeUndefined()
    })

    it('clears the state on delete: registering again starts from the snapshot', async () => {
      const store = await stores.open()
      await store.registerSchedule(scheduleDefinition('again'), { nextRun: null })
      await store.updateSchedule('again', { addRuns: 3, variables: { counter: 3 } })
      expect(await store.deleteSchedule('again')).toBe(true)
      expect(await store.deleteSchedule('again')).toBe(false)
      const fresh = await store.registerSchedule(scheduleDefinition('again'), { nextRun: null })
      expect(fresh).toMatchObject({ runCount: 0, variables: { counter: 0, label: 'start' } })
    })

    it('refuses local times, bad instants and values JSON cannot carry with STORE_ERROR', async () => {
      const store = await stores.open()
      await expect(
        store.registerSchedule(scheduleDefinition('x'), { nextRun: '2027-03-14T03:00:00' }),
      ).rejects.toMatchObject({ code: 'STORE_ERROR', message: expect.stringContaining('nextRun') })
      for (const nextRun of ['soon', '2027-02-30T00:00:00Z', '2027-01-01T24:00:00Z']) {
        await expect(store.registerSchedule(scheduleDefinition('x'), { nextRun })).rejects.toMatchObject({
          code: 'STORE_ERROR',
        })
      }
      await expect(
        store.registerSchedule(scheduleDefinition('x', { snapshot: { big: 1n } }), { nextRun: null }),
      ).rejects.toMatchObject({ code: 'STORE_ERROR', message: expect.stringContaining('JSON') })
      await expect(store.registerSchedule(scheduleDefinition(''), { nextRun: null })).rejects.toMatchObject({
        code: 'STORE_ERROR',
      })
      await store.registerSchedule(scheduleDefinition('x'), { nextRun: null })
      await expect(store.updateSchedule('x', { addRuns: -1 })).rejects.toMatchObject({ code: 'STORE_ERROR' })
      await expect(store.listSchedules({ status: 'sleeping' as 'active' })).rejects.toMatchObject({
        code: 'STORE_ERROR',
      })
      expect((await store.listSchedules()).map((s) => s.name)).toEqual(['x'])
    })
  })
}
