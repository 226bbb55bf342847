import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest'
import type { ActiveJob, QueueAdapter } from '../src/contract'
import { openEmbeddedQueue } from '../src/embedded'
import { createJobService, type DispatchedJob, type JobId, type QueueJobService } from '../src/index'

// The expectTypeOf and @ts-expect-error lines are checked by `pnpm typecheck` (tsc over test/): a
// regression of the typing fails it. The test also runs them, so the typed calls are real calls.

interface Welcome {
  email: string
  retries?: number
}

describe('typed jobs', () => {
  let home: string
  let queue: QueueAdapter
  let jobs: QueueJobService

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'quantum-typed-'))
    queue = await openEmbeddedQueue({ home, pollMs: 20 })
    jobs = createJobService({ queue })
  })
  afterEach(async () => {
    await queue.close()
    await rm(home, { recursive: true, force: true })
  })

  it('types params in the handler and the result where it is read, through a handle', async () => {
    const sendWelcome = jobs.handle<Welcome, { sent: string }>('sendWelcome', async (params, job) => {
      expectTypeOf(params).toEqualTypeOf<Welcome>()
      expectTypeOf(job).toEqualTypeOf<ActiveJob>()
      return { sent: params.email }
    })
    const worker = jobs.work()
    const receipt = await sendWelcome.dispatch({ email: 'ann@example.com' }, { attempts: 1 })
    expectTypeOf(receipt).toEqualTypeOf<DispatchedJob<{ sent: string }>>()
    expectTypeOf(receipt.id).toEqualTypeOf<JobId<{ sent: string }>>()
    expectTypeOf(receipt.id).toExtend<string>()
    const result = await jobs.result(receipt.id, { timeoutMs: 10_000 })
    expectTypeOf(result).toEqualTypeOf<{ sent: string }>()
    expect(result).toEqual({ sent: 'ann@example.com' })
    // The id is the plain string at run time, usable wherever a string is.
    expect((await queue.get(receipt.id))?.status).toBe('completed')
    await worker.stop()

    // @ts-expect-error: a param the job does not declare
    await expect(sendWelcome.dispatch({ email: 'x', unknown: 1 })).resolves.toBeDefined()
    // @ts-expect-error: a param of the wrong type
    await expect(sendWelcome.dispatch({ email: 42 })).resolves.toBeDefined()
    // @ts-expect-error: the result is not a number
    const wrong: number = await jobs.result(receipt.id)
    expect(wrong).toEqual({ sent: 'ann@example.com' })
  })

  it('infers both types from the handler, and types a dispatch by its type arguments', async () => {
    const add = jobs.handle('add', ({ a, b }: { a: number; b: number }) => a + b)
    expectTypeOf(add.dispatch).parameter(0).toEqualTypeOf<{ a: number; b: number }>()
    const worker = jobs.work()
    const { id } = await add.dispatch({ a: 2, b: 3 })
    expectTypeOf(await jobs.result(id)).toEqualTypeOf<number>()
    expect(await jobs.result(id, { timeoutMs: 10_000 })).toBe(5)

    const typed = await jobs.dispatch<{ a: number; b: number }, number>({
      name: 'add',
      params: { a: 1, b: 1 },
    })
    expectTypeOf(await jobs.result(typed.id)).toEqualTypeOf<number>()
    expect(await jobs.result(typed.id, { timeoutMs: 10_000 })).toBe(2)
    // @ts-expect-error: params checked against the type argument
    await jobs.dispatch<{ a: number }>({ name: 'add', params: { a: '1' } }).catch(() => undefined)

    // Untyped: params are a record, the result unknown; an id read elsewhere (a plain string) works too.
    const plain = await jobs.dispatch({ name: 'add', params: { a: 4, b: 4 } })
    const fromElsewhere: string = plain.id
    expectTypeOf(await jobs.result(fromElsewhere, { timeoutMs: 10_000 })).toEqualTypeOf<unknown>()
    expect(await jobs.result(fromElsewhere, { timeoutMs: 10_000 })).toBe(8)
    await worker.stop()
  })
})
