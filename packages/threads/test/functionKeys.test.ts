import { afterEach, describe, expect, it } from 'vitest'
import { createThreadPool, type ThreadPool } from '../src/index'
import { bodyOf } from './support/quantum'

// The functions a body may call cross to each worker once and are kept there by key (at most 1,024 per
// worker, the least recently used dropped first); a body with more than that carries them inline.

let pool: ThreadPool | undefined
afterEach(async () => {
  await pool?.close()
  pool = undefined
})

/** A body with `count` functions `<prefix>0…`, each returning its number plus `offset`, calling the first and last. */
function bodyWith(prefix: string, count: number, offset: number) {
  const functions: string[] = []
  for (let i = 0; i < count; i++)
    functions.push(`<q:function name="${prefix}${i}"><q:return value="{${i + offset}}"/></q:function>`)
  return bodyOf(`${functions.join('')}<q:return value="{[${prefix}0(), ${prefix}${count - 1}()]}"/>`)
}

describe('functions cross to a worker once', () => {
  it('a worker that dropped a body’s functions for others gets them again', async () => {
    pool = createThreadPool({ workers: 1 })
    const bodies = [bodyWith('a', 600, 0), bodyWith('b', 600, 1000), bodyWith('c', 600, 2000)]
    const results = []
    // a, b (a's oldest dropped), c (a's last and b's oldest dropped), then a again, then b.
    for (const body of [...bodies, bodies[0], bodies[1]]) {
      const outcome = await pool.execute({ body: body as (typeof bodies)[number], kind: 'job' })
      results.push(outcome.status === 'completed' ? outcome.result : outcome.error)
    }
    expect(results).toEqual([
      [0, 599],
      [1000, 1599],
      [2000, 2599],
      [0, 599],
      [1000, 1599],
    ])
  })

  it('a body with more functions than a worker keeps carries them itself', async () => {
    pool = createThreadPool({ workers: 1 })
    const outcome = await pool.execute({ body: bodyWith('f', 1100, 0), kind: 'job' })
    expect(outcome).toMatchObject({ status: 'completed', result: [0, 1099] })
  })
})
