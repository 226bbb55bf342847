import { describe, expect, it } from 'vitest'
import { useReliability } from '../reliability/describeReliability'
import { bothHarnesses } from '../reliability/harnesses'
import { createEffects } from '../support/effects'
import { waitFor } from '../support/wait'
import type { WorkerProcess } from '../support/workers'
import { expectLostAttempts, poisonConfig } from './poison'

// A body that kills its worker in its first milliseconds (issue 19, item 1: a V8 OOM, a native crash),
// before the lazy start mark of its attempt lands. Its lapsed lease must not look like a job that was only
// held: it ends `failed` after a bounded number of dead workers, and jobs the dead workers held stay unspent.

const ATTEMPTS = 3
/** Far more dead workers than the design allows (one lapse for free, then one per attempt). */
const MAX_DEATHS = 12

describe.each(bothHarnesses())('a body that kills its worker at once: %s', (_kind, open) => {
  const setup = useReliability(open)

  it('ends failed with QUEUE_LEASE_LOST after at most attempts + 1 dead workers; held jobs spend nothing', async () => {
    const { harness, workers } = setup
    const effects = createEffects(setup.dir)
    try {
      const config = poisonConfig(harness, effects)
      const [poison] = await harness.queue.enqueueMany([
        { name: 'poison', params: {}, attempts: ATTEMPTS, backoff: { kind: 'fixed', delay: 0 } },
      ])
      // Enqueued after it, so every worker holds one of them ahead while the poison runs, and dies holding it.
      const innocent = await harness.queue.enqueueMany(
        ['a', 'b', 'c'].map((key) => ({ name: 'effect', params: { key }, attempts: 1 })),
      )
      const id = poison?.id as string
      const failed = async () => (await harness.queue.get(id))?.status === 'failed'
      const began = performance.now()
      let deaths = 0
      let survivor: WorkerProcess | undefined
      while (deaths < MAX_DEATHS) {
        const worker = await workers.start(config, 'effects', { ready: false })
        const ended = await waitFor(
          async () =>
            (await failed()) ? 'failed' : (worker.child.signalCode ?? worker.child.exitCode ?? undefined),
          'the worker to die or the job to fail',
          20_000,
        )
        if (ended === 'failed') {
          survivor = worker
          break
        }
        expect(ended).toBe('SIGKILL')
        deaths++
      }
      expect(survivor, `the job still ran after ${deaths} dead workers`).toBeDefined()
      // One lapse whose start mark may not have landed, then one dead worker per attempt.
      expect(deaths).toBeGreaterThanOrEqual(ATTEMPTS)
      expect(deaths).toBeLessThanOrEqual(ATTEMPTS + 1)
      // Each death costs a lease (600 ms) and a process start: 60 s is far above that.
      expect(performance.now() - began).toBeLessThan(60_000)
      expect(await harness.queue.get(id)).toMatchObject({
        status: 'failed',
        attempt: ATTEMPTS,
        error: { code: 'QUEUE_LEASE_LOST' },
      })
      await expectLostAttempts(harness.store, 'poison', ATTEMPTS)
      // The jobs the dead workers held ahead never started there: each completes at its only attempt.
      for (const { id: each } of innocent) {
        const job = await waitFor(async () => {
          const found = await harness.queue.get(each)
          return found?.status === 'completed' && found
        }, `job ${each} to complete`)
        expect(job.attempt).toBe(1)
      }
      expect(effects.keys()).toEqual(['a', 'b', 'c'])
      expect(survivor?.child.exitCode).toBeNull()
    } finally {
      effects.close()
    }
  }, 120_000)
})
