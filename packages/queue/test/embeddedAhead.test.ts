import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { QueueAdapter } from '../src/contract'
import { openEmbeddedQueue } from '../src/embedded'
import { deferred, sleep, waitFor } from './support/wait'

// A processor holds claimed jobs ahead of its slots: several when its jobs are short (claimed together,
// one commit for many), one when they are long (another worker may take the rest). Held jobs are never
// lost: a stop hands them back, not counted as attempts.

let home: string
let queue: QueueAdapter

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'quantum-ahead-'))
  queue = await openEmbeddedQueue({ home })
})
afterEach(async () => {
  await queue.close()
  await rm(home, { recursive: true, force: true })
})

const enqueue = (count: number) =>
  queue.enqueueMany(Array.from({ length: count }, (_, i) => ({ name: 'job', params: { i } })))

it('holds short jobs several ahead, and a stop hands every held job back unattempted', async () => {
  await enqueue(200)
  const blocked = deferred()
  let started = 0
  const processor = queue.process(async (job) => {
    if (++started === 60) {
      blocked.resolve()
      await new Promise((resolve) => job.signal.addEventListener('abort', resolve))
    }
  })
  await blocked.promise
  const held = await queue.stats('default')
  // One job runs; the jobs claimed ahead of it are running too, as far as the table says.
  expect(held.running).toBeGreaterThan(2)
  await processor.stop(0)
  const after = await queue.stats('default')
  expect(after.running).toBe(0)
  expect(after.completed).toBe(59)
  expect(after.pending).toBe(141)
  const pending = await queue.list({ status: 'pending', limit: 200 })
  expect(pending.every((job) => job.attempt === 0)).toBe(true)
})

it('holds long jobs one ahead', async () => {
  await enqueue(6)
  let finished = 0
  const processor = queue.process(async () => {
    await sleep(40)
    finished++
  })
  await waitFor(() => finished >= 3, 'three jobs to finish')
  const stats = await queue.stats('default')
  expect(stats.running).toBe(2)
  await processor.stop(5000)
  const after = await queue.stats('default')
  expect(after.running).toBe(0)
  expect(after.completed + after.pending).toBe(6)
})
