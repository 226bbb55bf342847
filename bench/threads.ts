import { Worker } from 'node:worker_threads'
import { parse } from '@quantum/parser'
import { createRuntime } from '@quantum/runtime'
import { createThreadPool, createThreadService } from '@quantum/threads'
import { percentile } from './lib/measure'

// q:thread run + join of a one-statement body on the warm pool, against a fresh worker thread per
// thread: bare (spawn until the thread answers) and complete (spawn, load the runtime, run, close).
const WARM_RUNS = 2000
const COLD_RUNS = 30

const document = parse(
  `<q:component name="Bench">
     <q:thread name="t"><q:return value="{1}"/></q:thread>
     <q:thread name="t" action="join"/>
     <q:return value="{thread.t.result}"/>
   </q:component>`,
  { file: 'bench.q' },
)
const { component } = document
const thread = component.body[0]
if (thread?.type !== 'thread') throw new Error('expected a q:thread')
const body = { body: thread.body, functions: [], snapshot: {} }

const elapsed = async (run: () => Promise<unknown>) => {
  const start = process.hrtime.bigint()
  await run()
  return Number(process.hrtime.bigint() - start) / 1e6
}

const pool = createThreadPool()
const runtime = createRuntime({ threads: createThreadService(pool) })
await pool.warm()
const warm: number[] = []
for (let i = 0; i < WARM_RUNS + 200; i++) {
  const ms = await elapsed(async () => {
    const result = await runtime.run(document)
    if (result.result !== 1) throw new Error(`the thread returned ${String(result.result)}`)
  })
  if (i >= 200) warm.push(ms)
}
await pool.close()

const bare: number[] = []
const complete: number[] = []
for (let i = 0; i < COLD_RUNS; i++) {
  bare.push(
    await elapsed(async () => {
      const worker = new Worker("require('node:worker_threads').parentPort.postMessage(1)", { eval: true })
      await new Promise((resolve) => worker.once('message', resolve))
      await worker.terminate()
    }),
  )
  complete.push(
    await elapsed(async () => {
      const fresh = createThreadPool({ workers: 1 })
      const outcome = await fresh.execute({ body, kind: 'thread' })
      if (outcome.result !== 1) throw new Error(`the fresh worker returned ${String(outcome.result)}`)
      await fresh.close()
    }),
  )
}

const row = (label: string, values: number[]) =>
  console.log(
    `  ${label.padEnd(54)} p50 ${percentile(values, 50).toFixed(3).padStart(8)} ms   p99 ${percentile(values, 99).toFixed(3).padStart(8)} ms`,
  )
console.log(`q:thread run + join of a one-statement body (warm: ${WARM_RUNS} runs; cold: ${COLD_RUNS})`)
row('@quantum/threads warm pool', warm)
row('fresh Worker per thread (spawn until it answers)', bare)
row('fresh worker per thread (spawn, runtime, run, close)', complete)
const ratio = (values: number[]) => (percentile(values, 50) / percentile(warm, 50)).toFixed(0)
console.log(`  ratio at p50: ${ratio(bare)}x faster than a bare spawn (target >= 20x, stretch 100x)`)
console.log(`                ${ratio(complete)}x faster than a complete fresh worker`)
