import { describe, expect, it } from 'vitest'
import { useReliability } from '../reliability/describeReliability'
import { bothHarnesses } from '../reliability/harnesses'
import { createEffects } from '../support/effects'
import { waitFor } from '../support/wait'
import { expectLostAttempts, LEASE_MS, poisonConfig } from './poison'

// A poison job (issue 19, item 3): its body takes the whole worker process down (as a body that aborted
// Node did, three times in a row). Played here by SIGKILL while the job runs, at every attempt. Its last
// attempt lost to a dead worker must end the job `failed` with a coded error, never leave it `running`.

const ATTEMPTS = 3

describe.each(bothHarnesses())('a job that kills its worker at every attempt: %s', (_kind, open) => {
  const setup = useReliability(open)

  it('ends failed with QUEUE_LEASE_LOST after its last attempt, one terminated history row per attempt', async () => {
    const { harness, workers } = setup
    const effects = createEffects(setup.dir)
    try {
      const config = poisonConfig(harness, effects)
      // Runs a minute unless killed: each attempt's worker dies under it.
      const { id } = await harness.queue.enqueue({
        name: 'effect',
        params: { key: 'poison', ms: 60_000 },
        attempts: ATTEMPTS,
        backoff: { kind: 'fixed', delay: 0 },
      })
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        const doomed = await workers.start(config, 'effects')
        await waitFor(
          async () => {
            const job = await harness.queue.get(id)
            return job?.status === 'running' && job.attempt === attempt && job.startedAt !== null
          },
          `attempt ${attempt} to start`,
          20_000,
        )
        await doomed.kill('SIGKILL')
      }
      // A new worker after the last crash: the job must not stay running, nor run a fourth time.
      const began = performance.now()
      await workers.start(config, 'effects')
      const job = await waitFor(
        async () => {
          const found = await harness.queue.get(id)
          return found?.status === 'failed' && found
        },
        'the job to fail for good',
        20_000,
      )
      // The lease (600 ms) runs out and a poll finds it: 20 s is far above that.
      expect(performance.now() - began).toBeLessThan(20_000)
      expect(job).toMatchObject({ attempt: ATTEMPTS, error: { code: 'QUEUE_LEASE_LOST' } })
      await expectLostAttempts(harness.store, 'effect', ATTEMPTS)
      // Its body never finished, and no attempt ran twice.
      expect(effects.count()).toBe(0)
      expect(effects.doubledAttempts()).toEqual([])
      await new Promise((resolve) => setTimeout(resolve, 2 * LEASE_MS))
      expect(await harness.queue.get(id)).toMatchObject({ status: 'failed', attempt: ATTEMPTS })
    } finally {
      effects.close()
    }
  }, 120_000)
})
