import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Store } from '@quantum/store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { QueueAdapter } from '../../src/contract'
import { createEffects } from '../support/effects'
import { waitFor } from '../support/wait'
import { Workers } from '../support/workers'

/** One isolated queue for the reliability tests; `config` is what a worker child opens it with. */
export interface ReliabilityHarness {
  queue: QueueAdapter
  store: Store
  config(options: { leaseMs: number; concurrency: number }): Record<string, unknown>
  cleanup(): Promise<void>
}

/** Worker processes dying, freezing and sharing a queue: nothing lost, nothing doubled. */
/** A fresh harness, a folder for the effects tables and the worker processes of each test of the block. */
export interface ReliabilitySetup {
  readonly harness: ReliabilityHarness
  readonly dir: string
  readonly workers: Workers
}

/** Opens a harness before each test of the enclosing block, and kills its workers and cleans up after. */
export function useReliability(open: () => Promise<ReliabilityHarness>): ReliabilitySetup {
  const setup = { harness: undefined as unknown as ReliabilityHarness, dir: '', workers: new Workers() }
  beforeEach(async () => {
    setup.harness = await open()
    setup.dir = await mkdtemp(join(tmpdir(), 'quantum-effects-'))
  })
  afterEach(async () => {
    await setup.workers.killAll()
    await setup.harness.queue.close()
    await setup.harness.store.close()
    await setup.harness.cleanup()
    await rm(setup.dir, { recursive: true, force: true })
  })
  return setup
}

export function describeReliability(kind: string, open: () => Promise<ReliabilityHarness>): void {
  describe(`reliability with worker processes: ${kind}`, () => {
    const setup = useReliability(open)

    it('a worker killed mid-job loses nothing: another completes it and the lost attempt is recorded', async () => {
      const effects = createEffects(setup.dir)
      try {
        const config = {
          ...setup.harness.config({ leaseMs: 600, concurrency: 1 }),
          effects: effects.path,
          store: true,
        }
        const doomed = await setup.workers.start(config, 'effects')
        const { id } = await setup.harness.queue.enqueue({ name: 'effect', params: { key: 'k1', ms: 1500 } })
        await waitFor(
          async () => (await setup.harness.queue.get(id))?.startedAt ?? false,
          'the first worker to start it',
        )
        await doomed.kill('SIGKILL')
        await setup.workers.start(config, 'effects')
        const job = await waitFor(
          async () => {
            const found = await setup.harness.queue.get(id)
            return found?.status === 'completed' && found
          },
          'another worker to complete it',
          20_000,
        )
        expect(job).toMatchObject({ attempt: 2, result: 'k1' })
        expect(effects.keys()).toEqual(['k1'])
        const rows = await waitFor(async () => {
          const found = await setup.harness.store.history({ name: 'effect' })
          return found.length === 2 && found
        }, 'both attempts in history')
        expect(rows.map((row) => [row.runId, row.attempt, row.status]).sort()).toEqual([
          [id, 1, 'terminated'],
          [id, 2, 'success'],
        ])
        expect(effects.doubledAttempts()).toEqual([])
      } finally {
        effects.close()
      }
    })

    it('a worker killed while holding jobs ahead spent only the attempt it started', async () => {
      const config = setup.harness.config({ leaseMs: 600, concurrency: 1 })
      const doomed = await setup.workers.start(config, 'blocks')
      const quick = (count: number) =>
        Array.from({ length: count }, () => ({ name: 'quick', params: {}, attempts: 1 }))
      const receipts = await setup.harness.queue.enqueueMany([
        ...quick(40),
        { name: 'block', params: { block: true }, attempts: 1 },
        ...quick(20),
      ])
      const blocked = receipts[40]?.id
      await doomed.message((message) => message.started === blocked, 'the worker to start the blocking job')
      // Its start is recorded with the worker's next write, within a few ms.
      await waitFor(
        async () => (await setup.harness.queue.get(blocked as string))?.startedAt ?? false,
        'its start recorded',
      )
      await doomed.kill('SIGKILL')
      await setup.workers.start(config, 'slow')
      const stats = await waitFor(
        async () => {
          const found = await setup.harness.queue.stats('default')
          return found.pending + found.running === 0 && found
        },
        'every job to end',
        20_000,
      )
      expect(stats).toMatchObject({ completed: 60, failed: 1 })
      expect(await setup.harness.queue.get(blocked as string)).toMatchObject({
        status: 'failed',
        attempt: 1,
        error: { code: 'QUEUE_LEASE_LOST' },
      })
      const rescued = await setup.harness.queue.list({ status: 'completed', limit: 100 })
      expect(rescued.map((job) => job.attempt)).toEqual(Array(60).fill(1))
    })

    it('a frozen worker that wakes after its job was taken over cannot complete it', async () => {
      const config = setup.harness.config({ leaseMs: 600, concurrency: 1 })
      const frozen = await setup.workers.start(config, 'slow')
      const { id } = await setup.harness.queue.enqueue({ name: 'slow', params: { ms: 1500 }, attempts: 3 })
      await frozen.message((message) => message.started === id, 'the first worker to start it')
      await waitFor(
        async () => (await setup.harness.queue.get(id))?.startedAt ?? false,
        'its start to be recorded',
      )
      frozen.child.kill('SIGSTOP')
      const rescuer = await setup.workers.start(config, 'slow')
      await rescuer.message((message) => message.settled === id, 'the rescuer to finish it', 20_000)
      expect(await setup.harness.queue.get(id)).toMatchObject({ status: 'completed', attempt: 2 })
      const result = (await setup.harness.queue.get(id))?.result
      frozen.child.kill('SIGCONT')
      const late = await frozen.message(
        (message) => message.settled === id,
        'the frozen worker to give up',
        20_000,
      )
      expect(late).toMatchObject({ attempt: 1, outcome: 'refused' })
      expect(await setup.harness.queue.get(id)).toMatchObject({ status: 'completed', attempt: 2, result })
    }, 60_000)

    it('10,000 jobs over three worker processes: every effect once, every job completed, no attempt run twice', async () => {
      const effects = createEffects(setup.dir)
      try {
        const total = 10_000
        const config = { ...setup.harness.config({ leaseMs: 5000, concurrency: 20 }), effects: effects.path }
        await Promise.all([1, 2, 3].map(() => setup.workers.start(config, 'effects')))
        for (let from = 0; from < total; from += 1000) {
          await setup.harness.queue.enqueueMany(
            Array.from({ length: 1000 }, (_, i) => ({ name: 'effect', params: { key: `k${from + i}` } })),
          )
        }
        await waitFor(
          async () => (await setup.harness.queue.stats('default')).completed === total,
          'every job to complete',
          90_000,
        )
        const stats = await setup.harness.queue.stats('default')
        expect(stats).toMatchObject({ pending: 0, running: 0, completed: total, failed: 0 })
        expect(effects.count()).toBe(total)
        expect(effects.doubledAttempts()).toEqual([])
        expect(effects.pids().length).toBe(3)
      } finally {
        effects.close()
      }
    }, 120_000)
  })
}
