import { describe, expect, it } from 'vitest'
import type { Stores } from './describeStore'
import { ISO_Z, jobDefinition, scheduleDefinition } from './harness'

export function jobTests(stores: Stores): void {
  describe('job definitions', () => {
    it('defines, replaces, lists by queue and deletes job definitions', async () => {
      const store = await stores.open()
      const first = await store.defineJob(jobDefinition('send-mail', { queue: 'mail' }))
      expect(first).toMatchObject({ name: 'send-mail', queue: 'mail' })
      expect(first.createdAt).toMatch(ISO_Z)
      await store.defineJob(jobDefinition('resize'))

      const replaced = jobDefinition('send-mail', { queue: 'mail', attempts: 5, priority: 7 })
      const second = await store.defineJob(replaced)
      expect(second.id).toBe(first.id)

      const other = await stores.open()
      expect((await other.getJob('send-mail'))?.definition).toEqual(replaced)
      expect((await other.listJobs()).map((job) => job.name)).toEqual(['resize', 'send-mail'])
      expect((await other.listJobs({ queue: 'mail' })).map((job) => job.name)).toEqual(['send-mail'])

      expect(await other.deleteJob('send-mail')).toBe(true)
      expect(await other.deleteJob('send-mail')).toBe(false)
      expect(await store.getJob('send-mail')).toBeUndefined()
    })

    it('keeps a schedule and a job of the same name apart', async () => {
      const store = await stores.open()
      await store.registerSchedule(scheduleDefinition('nightly'), { nextRun: null })
      await store.defineJob(jobDefinition('nightly'))
      expect(await store.deleteJob('nightly')).toBe(true)
      expect((await store.getSchedule('nightly'))?.name).toBe('nightly')
      expect(await store.listJobs()).toEqual([])
    })
  })
}
