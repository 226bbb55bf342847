import { describe, expect, it } from 'vitest'
import type { ControlEvent } from '../../src/index'
import type { Stores } from './describeStore'
import { jobDefinition, scheduleDefinition, sleep, until } from './harness'

/** Events with the time each arrived, in ms after `start`. */
function recorder() {
  const start = performance.now()
  const events: (ControlEvent & { afterMs: number })[] = []
  return {
    events,
    listener: (event: ControlEvent) => events.push({ ...event, afterMs: performance.now() - start }),
  }
}

export function controlTests(stores: Stores): void {
  describe('control', () => {
    it('reaches a watcher in another instance within a second, in order, for every action', async () => {
      const worker = await stores.open()
      const cli = await stores.open()
      await cli.registerSchedule(scheduleDefinition('tick'), { nextRun: null })
      const { events, listener } = recorder()
      const stop = await worker.watch(listener)

      const steps: [ControlEvent['action'], () => Promise<unknown>][] = [
        ['pause', () => cli.pauseSchedule('tick')],
        ['resume', () => cli.resumeSchedule('tick')],
        ['run', () => cli.runScheduleNow('tick')],
        ['register', () => cli.registerSchedule(scheduleDefinition('tick'), { nextRun: null })],
        ['delete', () => cli.deleteSchedule('tick')],
      ]
      for (const [index, [action, act]] of steps.entries()) {
        const sent = performance.now()
        await act()
        await until(() => events.length > index, 2000, `the ${action} event`)
        expect(events[index]).toMatchObject({ action, kind: 'schedule', name: 'tick' })
        // Wide margin: the contract is "within a second"; the poll or pub/sub takes a fraction of it.
        expect(performance.now() - sent).toBeLessThan(1000)
      }
      expect(events.every((event) => !Number.isNaN(Date.parse(event.at)) && event.at.endsWith('Z'))).toBe(
        true,
      )
      await stop()
    })

    it('tells watchers about job definitions too, and its own instance’s actions', async () => {
      const store = await stores.open()
      const { events, listener } = recorder()
      const stop = await store.watch(listener)
      await store.defineJob(jobDefinition('resize'))
      await store.deleteJob('resize')
      await until(() => events.length === 2, 2000, 'two job events')
      expect(events.map(({ action, kind, name }) => ({ action, kind, name }))).toEqual([
        { action: 'register', kind: 'job', name: 'resize' },
        { action: 'delete', kind: 'job', name: 'resize' },
      ])
      await stop()
    })

    it('sends nothing for a name it does not know, and nothing after the watcher stops', async () => {
      const worker = await stores.open()
      const cli = await stores.open()
      const { events, listener } = recorder()
      const stop = await worker.watch(listener)
      expect(await cli.pauseSchedule('ghost')).toBe(false)
      expect(await cli.runScheduleNow('ghost')).toBe(false)
      await cli.registerSchedule(scheduleDefinition('real'), { nextRun: null })
      await until(() => events.length === 1, 2000, 'the register event')
      await stop()
      await cli.pauseSchedule('real')
      await sleep(500)
      expect(events.map((event) => event.action)).toEqual(['register'])
    })

    it('keeps delivering to other listeners when one throws, and reports the throw', async () => {
      const errors: Error[] = []
      const worker = await stores.open({ onError: (error) => errors.push(error) })
      const cli = await stores.open()
      await cli.registerSchedule(scheduleDefinition('tick'), { nextRun: null })
      const { events, listener } = recorder()
      const stopBad = await worker.watch(() => {
        throw new Error('listener bug')
      })
      const stopGood = await worker.watch(listener)
      await cli.pauseSchedule('tick')
      await cli.resumeSchedule('tick')
      await until(() => events.length === 2, 2000, 'both events')
      expect(errors.map((error) => error.message)).toEqual(['listener bug', 'listener bug'])
      await stopBad()
      await stopGood()
    })
  })
}
