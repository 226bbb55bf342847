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

/** Samples the process's memory from now; `stop` says the most it grew, in MB. */
function memoryGrowth() {
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  return {
    stop() {
      clearInterval(sampler)
      return (peak - before) / 1e6
    },
  }
}

/** Runs `source` on a fresh host; the time it took and the most the process's memory grew meanwhile. */
async function measure(count: number) {
  host = openHost({ workers: 2 })
  await host.pool.warm()
  const source = manyThreads(count)
  const growth = memoryGrowth()
  const started = performance.now()
  try {
    const result = await host.run(source)
    return { result: result.result, ms: performance.now() - started, grewMb: growth.stop() }
  } finally {
    growth.stop()
    await host.pool.close()
    host = undefined
  }
}

/** A component with 100 small functions: every thread's body carries them to its worker. */
function functions(count: number): string {
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    lines.push(`<q:function name="f${i}"><q:param name="a"/><q:set name="x" value="{a * 2 + ${i}}"/>
  <q:if condition="{x > 10}"><q:log>big {x}</q:log></q:if><q:return value="{x}"/></q:function>`)
  }
  return lines.join('\n')
}

describe('many threads', () => {
  it('10,000 trivial threads start and join in well under 30 s, the memory bounded', async () => {
    const { result, ms, grewMb } = await measure(10_000)
    expect(result).toEqual([1, 10_000, 'COMPLETED'])
    expect(ms).toBeLessThan(30_000)
    expect(grewMb).toBeLessThan(600)
  }, 60_000)

  it('5,000 threads waiting for a slot hold their snapshots, not each a copy of every function as text', async () => {
    host = openHost({ workers: 2 })
    const lines = [functions(100)]
    for (let i = 1; i <= 5000; i++) lines.push(`<q:thread name="t${i}"><q:sleep duration="1h"/></q:thread>`)
    const source = lines.join('\n')
    const growth = memoryGrowth()
    const started = performance.now()
    try {
      await host.run(source)
      // Before, each waiting body was its 330 kB of JSON: 71 s and 3.3 GB for 10,000 (1.2 s and 45 MB after).
      expect(performance.now() - started).toBeLessThan(20_000)
      expect(host.pool.stats()).toMatchObject({ waiting: 4990 })
      expect(growth.stop()).toBeLessThan(600)
    } finally {
      growth.stop()
      await host.threads.terminateAll()
    }
  }, 60_000)

  it('2,000 threads of a component with 100 functions, each calling one, start and join in well under 15 s', async () => {
    host = openHost({ workers: 2 })
    const lines = [functions(100)]
    for (let i = 1; i <= 2000; i++)
      lines.push(`<q:thread name="t${i}"><q:return value="{f${i % 100}(${i})}"/></q:thread>`)
    lines.push('<q:thread name="t1, t2, t1999, t2000" action="join"/>')
    lines.push(
      '<q:return value="{[thread.t1.result, thread.t2.result, thread.t1999.result, thread.t2000.result]}"/>',
    )
    const started = performance.now()
    const result = await host.run(lines.join('\n'))
    await host.threads.idle()
    // Before, every body sent and parsed the 100 functions again: 17 ms a thread, 35 s for these.
    expect(performance.now() - started).toBeLessThan(15_000)
    expect(result.result).toEqual([2 + 1, 4 + 2, 3998 + 99, 4000 + 0])
  }, 60_000)

  it('grows about linearly: 4,000 threads take far less than 10 times what 1,000 take (16 times if quadratic)', async () => {
    const small = await measure(1000)
    const large = await measure(4000)
    expect(large.result).toEqual([1, 4000, 'COMPLETED'])
    expect(large.ms).toBeLessThan(10 * small.ms)
  }, 60_000)
})
