import type { Limits } from '@quantum/runtime'
import type { BodyHost } from '@quantum/runtime/services'
import { afterEach, describe, expect, it } from 'vitest'
import { createThreadService, type ThreadPoolOptions } from '../../src/index'
import { type Host, openHost } from '../support/quantum'

// Issue 19, item 5: a join without a timeout waited forever, whatever the run's wall limit, and eleven
// nested threads that each join their child deadlocked a pool of ten slots (the run hung 40 s against
// a 3 s limit).

let host: Host | undefined
afterEach(async () => {
  await host?.pool.close()
  host = undefined
})

/** A pool whose bodies start threads on the same pool (as `quantum run` wires it), and a run on it. */
function nestingHost(options: ThreadPoolOptions, limits: Partial<Limits>) {
  const lend: BodyHost = {}
  host = openHost({ workers: 2, ...options, host: lend, services: { limits } }, {}, { limits })
  const own = host.pool
  lend.threads = () => createThreadService(own)
  return host
}

/** Thread t1 starts t2 and joins it, t2 starts t3 and joins it, … down to t<depth>, which returns its depth. */
function nested(depth: number, level = 1): string {
  const inner = level === depth ? `<q:return value="{${level}}"/>` : nested(depth, level + 1)
  const name = `t${level}`
  return `<q:thread name="${name}">${inner}</q:thread>
<q:thread name="${name}" action="join"/>
<q:return value="{[thread_${name}.status, thread_${name}.result, thread_${name}.error]}"/>`
}

/** The statuses of t1, t2, … as the nested reports give them, and what the deepest reported level holds. */
function unnest(report: unknown): { statuses: unknown[]; deepest: unknown[] | unknown } {
  const statuses: unknown[] = []
  let level = report
  let deepest = report
  while (Array.isArray(level)) {
    statuses.push(level[0])
    deepest = level
    level = level[0] === 'COMPLETED' ? level[1] : undefined
  }
  return { statuses, deepest: Array.isArray(deepest) && deepest[0] === 'COMPLETED' ? deepest[1] : deepest }
}

const WALL = { maxWallTimeMs: 3000 }

describe('a join that waits', () => {
  it('ends at the run’s wall limit when it has no timeout, at the join’s line', async () => {
    host = openHost({ workers: 1 }, {}, { limits: { maxWallTimeMs: 1000 } })
    const started = performance.now()
    const run = host.run(
      `<q:thread name="slow"><q:sleep duration="1h"/></q:thread>
<q:thread name="slow" action="join"/>
<q:return value="{1}"/>`,
    )
    await expect(run).rejects.toMatchObject({
      code: 'RUNTIME_LIMIT_EXCEEDED',
      message: expect.stringContaining('wall time'),
      position: { start: { line: 2 } },
    })
    // The limit is 1 s; a hang is the failure (the pool's close then stops the sleeping body).
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  it('eleven nested threads that each join their child complete on ten slots: a joiner lends its slot', async () => {
    const host = nestingHost({ max: 10 }, WALL)
    const started = performance.now()
    const result = await host.run(nested(11))
    expect(performance.now() - started).toBeLessThan(20_000)
    // Each level reports its child: completed, with the child's own report inside.
    expect(unnest(result.result)).toEqual({ statuses: Array(11).fill('COMPLETED'), deepest: 11 })
    expect(host.pool.stats()).toMatchObject({ running: 0, waiting: 0, lent: 0 })
  })

  it('a joiner whose join times out while its slot is lent runs on, and the pool’s counts end at zero', async () => {
    const host = nestingHost({ max: 1 }, { maxWallTimeMs: 60_000 })
    const result = await host.run(`<q:thread name="parent">
  <q:thread name="child"><q:sleep duration="500ms"/><q:return value="{2}"/></q:thread>
  <q:try>
    <q:thread name="child" action="join" timeout="100ms"/>
    <q:catch><q:set name="late" value="{error.code}"/></q:catch>
  </q:try>
  <q:thread name="child" action="join"/>
  <q:return value="{[late, child_thread.result]}"/>
</q:thread>
<q:thread name="parent" action="join"/>
<q:return value="{parent_thread.result}"/>`)
    expect(result.result).toEqual(['THREAD_JOIN_TIMEOUT', 2])
    expect(host.pool.stats()).toMatchObject({ running: 0, waiting: 0, lent: 0 })
  })

  it('a pool that cannot lend fails the innermost join with THREAD_DEADLOCK at once, not at a timeout', async () => {
    const patient = { maxWallTimeMs: 120_000 }
    const host = nestingHost({ max: 10, maxLent: 0 }, patient)
    const started = performance.now()
    const result = await host.run(nested(11))
    expect(performance.now() - started).toBeLessThan(20_000)
    // t1 … t9 completed, each reporting its child; t10's join of t11 failed, so t10 failed with the code.
    const { statuses, deepest } = unnest(result.result)
    expect(statuses).toEqual([...Array(9).fill('COMPLETED'), 'FAILED'])
    expect((deepest as unknown[])[2]).toMatchObject({
      code: 'THREAD_DEADLOCK',
      position: { start: { line: expect.any(Number) } },
    })
    await host.threads.idle()
    expect(host.pool.stats()).toMatchObject({ running: 0, waiting: 0, lent: 0 })
  })
})
