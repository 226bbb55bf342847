import { afterEach, describe, expect, it } from 'vitest'
import { type Host, openHost } from '../support/quantum'

// Issue 19, item 6: starting threads was quadratic. 500 / 1,000 / 2,000 trivial threads took 4 / 15 / 48 s
// and 0.33 / 0.62 / 1.86 GB, and 10,000 hit the step limit after 2,708: each thread's snapshot copied the
// state of every thread started before it.

let host: Host | undefined
afterEach(async () => {
  await host?.pool.close()
  host = undefined
})

/** `count` trivial threads, each started by its own tag, then joined one by one; returns the last result. */
function manyThreads(count: number): string {
  const lines: string[] = []
  for (let i = 1; i <= count; i++) lines.push(`<q:thread name="t${i}"><q:return value="{${i}}"/></q:thread>`)
  for (let i = 1; i <= count; i++) lines.push(`<q:thread name="t${i}" action="join"/>`)
  lines.push(
    `<q:return value="{[thread_t1.result, t${count}_thread.result, thread.t${count >> 1}.status]}"/>`,
  )
  return lines.join('\n')
}

/** Runs `source` on a fresh host; the time it took and the most the process's memory grew meanwhile. */
async function measure(count: number) {
  host = openHost({ workers: 2 })
  await host.pool.warm()
  const source = manyThreads(count)
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  const started = performance.now()
  try {
    const result = await host.run(source)
    return { result: result.result, ms: performance.now() - started, grewMb: (peak - before) / 1e6 }
  } finally {
    clearInterval(sampler)
    await host.pool.close()
    host = undefined
  }
}

describe('many threads', () => {
  it('10,000 trivial threads start and join in well under 30 s, the memory bounded', async () => {
    const { result, ms, grewMb } = await measure(10_000)
    expect(result).toEqual([1, 10_000, 'COMPLETED'])
    expect(ms).toBeLessThan(30_000)
    expect(grewMb).toBeLessThan(600)
  }, 60_000)

  it('grows about linearly: 4,000 threads take far less than 10 times what 1,000 take (16 times if quadratic)', async () => {
    const small = await measure(1000)
    const large = await measure(4000)
    expect(large.result).toEqual([1, 4000, 'COMPLETED'])
    expect(large.ms).toBeLessThan(10 * small.ms)
  }, 60_000)
})
