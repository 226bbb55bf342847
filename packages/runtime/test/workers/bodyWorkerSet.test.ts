import { parse } from '@quantum/parser'
import { afterEach, expect, it } from 'vitest'
import type { PortableBody } from '../../src/index'
import {
  BodyWorkerSet,
  liveWorkers,
  type WorkerBody,
  type WorkerResult,
  workerLostError,
} from '../../src/workers'

/*
 * The one piece of code under the thread pool and the scheduler's fire workers, on real body threads.
 * Real time on a busy machine: bounds are wide and only ever one-sided.
 */

let set: BodyWorkerSet | undefined
afterEach(async () => {
  await set?.close()
  set = undefined
})

const portable = (markup: string) => {
  const { component } = parse(`<q:component name="T">${markup}</q:component>`, { file: 't.q' })
  const body: PortableBody = { body: component.body, functions: [], snapshot: {}, file: 't.q' }
  return { json: JSON.stringify(body), key: undefined, functions: [] }
}

interface Watched extends WorkerBody {
  startedAt?: number
  result: Promise<WorkerResult>
}

let nextId = 1
function body(options: { startAt?: number; kind?: WorkerBody['kind'] } = {}): Watched {
  let done!: (result: WorkerResult) => void
  const result = new Promise<WorkerResult>((resolve) => {
    done = resolve
  })
  const watched: Watched = {
    id: nextId++,
    kind: options.kind ?? 'job',
    params: undefined,
    defaults: undefined,
    lent: [],
    ...(options.startAt === undefined ? {} : { startAt: options.startAt }),
    result,
    log: () => {},
    onStarted: (at) => {
      watched.startedAt = at
    },
    done,
  }
  return watched
}

const lostBodies: { id: number; why: string }[] = []
const open = (size: number, graceMs = 300) =>
  new BodyWorkerSet({
    size,
    services: { limits: { yieldEveryMs: 600_000, maxSteps: Number.MAX_SAFE_INTEGER } },
    host: {},
    graceMs,
    onLost: (lost, why) => {
      lostBodies.push({ id: lost.id, why })
      ;(lost as Watched).done({
        ok: false,
        error: workerLostError(why, undefined).toJSON(),
      })
    },
  })

it('keeps `size` threads, registered live while they run, and spreads bodies over the least busy', async () => {
  const before = liveWorkers().size
  set = open(2)
  await set.warm()
  expect(set.workers).toHaveLength(2)
  expect(liveWorkers().size).toBe(before + 2)
  const first = body()
  const second = body()
  const a = set.run(first, portable('<q:sleep duration="300ms"/><q:return value="{1}"/>'))
  const b = set.run(second, portable('<q:return value="{2}"/>'))
  expect(a).not.toBe(b)
  expect(await first.result).toMatchObject({ ok: true, result: 1 })
  expect(await second.result).toMatchObject({ ok: true, result: 2 })
  await set.close()
  expect(liveWorkers().size).toBe(before)
})

it('holds a body until its instant, never early, while other bodies on the thread run', async () => {
  set = open(1)
  await set.warm()
  const held = body({ startAt: Date.now() + 600 })
  const now = body()
  set.run(held, portable('<q:return value="{1}"/>'))
  set.run(now, portable('<q:return value="{2}"/>'))
  // The unheld body ends first, though it came second: holding does not block the thread.
  const order: number[] = []
  await Promise.all([held.result.then(() => order.push(1)), now.result.then(() => order.push(2))])
  expect(order).toEqual([2, 1])
  expect(held.startedAt).toBeGreaterThanOrEqual(held.startAt as number)
  expect(now.startedAt).toBeUndefined()
})

it('a held-only abort calls off a body still held, and leaves a running one alone', async () => {
  set = open(1)
  await set.warm()
  const held = body({ startAt: Date.now() + 5_000 })
  const running = body()
  const worker = set.run(held, portable('<q:return value="{1}"/>'))
  set.run(running, portable('<q:sleep duration="400ms"/><q:return value="{2}"/>'))
  await new Promise((resolve) => setTimeout(resolve, 100))
  worker.abort(held.id, 'paused', true)
  worker.abort(running.id, 'paused', true)
  expect(await held.result).toMatchObject({ ok: false })
  expect(held.startedAt).toBeUndefined()
  expect(await running.result).toMatchObject({ ok: true, result: 2 })
})

it('a body deaf to its abort ends its thread after the grace; the bodies beside it are lost; the thread is replaced', async () => {
  set = open(1)
  await set.warm()
  const stuck = body()
  const neighbour = body()
  const worker = set.run(
    stuck,
    portable('<q:loop type="range" var="i" from="1" to="1000000000"><q:set name="x" value="{i}"/></q:loop>'),
  )
  set.run(neighbour, portable('<q:sleep duration="10s"/>'))
  await new Promise((resolve) => setTimeout(resolve, 200))
  set.stop(worker, stuck, 'stop')
  const lost = await neighbour.result
  expect(lost).toMatchObject({ ok: false, error: { code: 'THREAD_WORKER_LOST' } })
  expect(lostBodies.find((each) => each.id === neighbour.id)?.why).toContain('did not stop within 300ms')
  await worker.exited
  expect(set.workers).toHaveLength(1)
  expect(set.workers[0]).not.toBe(worker)
  const after = body()
  set.run(after, portable('<q:return value="{3}"/>'))
  expect(await after.result).toMatchObject({ ok: true, result: 3 })
})
