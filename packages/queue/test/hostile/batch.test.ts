import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from '@quantum/parser'
import { createRuntime, type RunResult, type RuntimeOptions } from '@quantum/runtime'
import type { Store } from '@quantum/store'
import { openSqliteStore } from '@quantum/store/sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { NewJob, QueueAdapter } from '../../src/contract'
import { openEmbeddedQueue } from '../../src/embedded'
import { createJobService } from '../../src/index'

// Issue 19, "also measured": a q:job batch of 1M jobs took 1.8 GB, and 3M did not finish in 400 s.

let home: string
let queue: QueueAdapter
let store: Store
/** How many jobs each call of the adapter's enqueueMany was given. */
let calls: number[]

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'quantum-hostile-batch-'))
  queue = await openEmbeddedQueue({ home, pollMs: 50 })
  store = await openSqliteStore({ home })
  calls = []
  const enqueueMany = queue.enqueueMany.bind(queue)
  queue.enqueueMany = (jobs: readonly NewJob[]) => {
    calls.push(jobs.length)
    return enqueueMany(jobs)
  }
})

afterEach(async () => {
  await queue.close()
  await store.close()
  await rm(home, { recursive: true, force: true })
})

/** Runs a batch of `count` jobs of `noop` (defined first), measuring its time and peak growth. */
async function batchOf(count: number, runtime: RuntimeOptions = {}) {
  const service = createJobService({ queue, store })
  const source = `<q:component name="Fill">
<q:job name="noop"><q:param name="i" type="integer"/><q:log>{i}</q:log></q:job>
<q:job name="noop" action="batch">
  <q:loop type="range" var="i" from="1" to="${count}"><q:param name="i" value="{i}"/></q:loop>
</q:job>
<q:return value="{batch_job_noop.count}"/>
</q:component>`
  const baseline = process.memoryUsage().rss
  let peak = baseline
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 10)
  const started = performance.now()
  let outcome: { result?: RunResult; error?: Error & { code: string; location: string } }
  try {
    outcome = {
      result: await createRuntime({ jobs: service }, runtime).run(parse(source, { file: 'fill.q' })),
    }
  } catch (error) {
    outcome = { error: error as Error & { code: string; location: string } }
  } finally {
    clearInterval(sampler)
  }
  return { ...outcome, ms: performance.now() - started, mb: (peak - baseline) / 1e6 }
}

describe('hostile: a q:job batch is bounded and enqueued whole', () => {
  it('over limits.maxBatchJobs (default 10,000) fails at the q:job at once, enqueueing nothing', async () => {
    const { error, ms, mb } = await batchOf(200_000)
    expect([error?.code, error?.location]).toEqual(['RUNTIME_LIMIT_EXCEEDED', 'fill.q:3:1'])
    expect(error?.message).toBe(
      "batch of job 'noop' has more than 10000 jobs (limits.maxBatchJobs); split it into several batches",
    )
    expect(ms).toBeLessThan(10_000)
    expect(mb).toBeLessThan(150)
    expect(calls).toEqual([])
    expect(await queue.list({ name: 'noop' })).toEqual([])
  })

  it('a batch of 50,000 within a raised limit is enqueued whole, in one enqueueMany (all or nothing)', async () => {
    const { result, error, ms, mb } = await batchOf(50_000, { limits: { maxBatchJobs: 50_000 } })
    expect(error).toBeUndefined()
    expect(result?.result).toBe(50_000)
    expect(calls).toEqual([50_000])
    expect(await queue.stats('default')).toMatchObject({ pending: 50_000 })
    expect(ms).toBeLessThan(60_000)
    expect(mb).toBeLessThan(300)
  })
})
