import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { QueueJob } from '../../src/contract'
import { deferred, waitFor } from '../support/wait'
import type { Suite } from './describeQueue'

const worker = fileURLToPath(new URL('../fixtures/worker.mjs', import.meta.url))

export function leaseTests(suite: Suite): void {
  describe('leases and fencing', () => {
    it('refuses completion, failure and heartbeat from a token that does not hold the job', async () => {
      const queue = await suite.open()
      const { id } = await queue.enqueue({ name: 'fenced' })
      const checks = deferred<unknown[]>()
      const { settled } = suite.run(queue, async (job) => {
        checks.resolve([
          await queue.complete(id, `${job.token}0`, 'forged'),
          await queue.fail(id, 'not-a-token', { name: 'QueueError', code: 'QUEUE_ERROR', message: 'x' }),
          await queue.heartbeat(id, 'not-a-token'),
          await queue.heartbeat(id, job.token),
        ])
        return 'real'
      })
      expect(await checks.promise).toEqual([false, undefined, false, true])
      await waitFor(() => settled.length === 1, 'the real completion')
      const token = settled[0]?.job.token as string
      expect(await queue.get(id)).toMatchObject({ status: 'completed', result: 'real' })
      expect(await queue.complete(id, token, 'twice')).toBe(false)
      expect((await queue.get(id))?.result).toBe('real')
    })

    it('gives a dead worker’s job to another worker as the next attempt', async () => {
      const leaseMs = 600
      const queue = await suite.open({ leaseMs })
      const { id } = await queue.enqueue({ name: 'orphan', attempts: 3 })
      const child = fork(worker, [JSON.stringify(suite.harness().childConfig({ leaseMs })), 'hang'], {
        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      })
      const exited = new Promise((resolve) => child.once('exit', resolve))
      try {
        await waitFor(async () => (await queue.get(id))?.startedAt ?? false, 'the child to start the job')
        child.kill('SIGKILL')
        await exited
        const lost: [QueueJob, number][] = []
        const { settled } = suite.run(queue, async (job) => job.attempt, {
          lost: (job, attempt) => {
            lost.push([job, attempt])
          },
        })
        await waitFor(() => settled.length === 1, 'the job to run again', 15_000)
        expect(settled[0]?.settlement).toEqual({ outcome: 'completed', result: 2 })
        expect(await queue.get(id)).toMatchObject({ status: 'completed', attempt: 2 })
        expect(lost.map(([job, attempt]) => [job.id, attempt])).toEqual([[id, 1]])
      } finally {
        child.kill('SIGKILL')
        await exited
      }
    })
  })
}
