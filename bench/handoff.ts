import { Worker } from 'node:worker_threads'
import { parse } from '@quantum/parser'
import type { PortableBody } from '@quantum/runtime'
import { createThreadPool } from '@quantum/threads'
import { percentile } from './lib/measure'

// What one hand-off to another thread and back costs on this machine: a bare Worker that answers at
// once, and the thread pool running a one-statement job body, one at a time. Each runs back to back (the
// other thread has just gone idle) and with the sender busy 0.2 ms between hand-offs, as a queue's main
// thread is while it records one job and claims the next: the other thread has fallen asleep by then,
// and waking it is what a pooled job pays at concurrency 1.
const RUNS = 5000
const BUSY_MS = 0.2

const spin = (ms: number) => {
  const until = performance.now() + ms
  while (performance.now() < until) {}
}

interface Sample {
  roundTrip: number[]
  post: number[]
}

/** `send` posts one hand-off and returns when it came back; the post's own time is measured inside. */
async function measure(send: (sample: Sample) => Promise<void>, busyMs: number): Promise<Sample> {
  const sample: Sample = { roundTrip: [], post: [] }
  for (let i = 0; i < RUNS + 200; i++) {
    if (busyMs > 0) spin(busyMs)
    const start = performance.now()
    const kept = i >= 200 ? sample : { roundTrip: [], post: [] }
    await send(kept)
    kept.roundTrip.push(performance.now() - start)
  }
  return sample
}

const echo = new Worker(
  "const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage(m))",
  { eval: true },
)
const bare = (sample: Sample) =>
  new Promise<void>((resolve) => {
    echo.once('message', () => resolve())
    const start = performance.now()
    echo.postMessage({ type: 'run', id: 1, params: '{"i":1}' })
    sample.post.push(performance.now() - start)
  })

const { component } = parse(
  `<q:component name="Bench"><q:job name="one"><q:param name="i" type="integer"/><q:return value="{i}"/></q:job></q:component>`,
  { file: 'bench.q' },
)
const job = component.body[0]
if (job?.type !== 'job') throw new Error('expected a q:job')
const body: PortableBody = { body: job.body, functions: [], snapshot: {}, file: 'bench.q' }
const pool = createThreadPool({ workers: 1 })
await pool.warm()
const pooled = async (_sample: Sample) => {
  const outcome = await pool.execute({ body, kind: 'job', params: { i: 1 } })
  if (outcome.result !== 1) throw new Error(`the pool returned ${String(outcome.result)}`)
}

const bareAwake = await measure(bare, 0)
const bareAsleep = await measure(bare, BUSY_MS)
const poolAwake = await measure(pooled, 0)
const poolAsleep = await measure(pooled, BUSY_MS)
const rows: [string, Sample][] = [
  ['bare Worker, back to back', bareAwake],
  [`bare Worker, sender busy ${BUSY_MS} ms between`, bareAsleep],
  ['@quantum/threads pool, back to back', poolAwake],
  [`@quantum/threads pool, sender busy ${BUSY_MS} ms between`, poolAsleep],
]
await pool.close()
await echo.terminate()

const us = (values: number[], p: number) => `${(percentile(values, p) * 1000).toFixed(0)} µs`.padStart(7)
console.log(`One hand-off to another thread and back, one at a time (${RUNS} each)`)
for (const [label, { roundTrip, post }] of rows)
  console.log(
    `  ${label.padEnd(52)} round trip p50 ${us(roundTrip, 50)}  p99 ${us(roundTrip, 99)}${
      post.length ? `   postMessage p50 ${us(post, 50)}` : ''
    }`,
  )
const woken = (asleep: Sample, awake: Sample) =>
  ((percentile(asleep.roundTrip, 50) - percentile(awake.roundTrip, 50)) * 1000).toFixed(0)
console.log(
  `  waking a thread that fell asleep adds ${woken(bareAsleep, bareAwake)} µs (bare) and ${woken(poolAsleep, poolAwake)} µs (pool) to a hand-off`,
)
