import { RuntimeError } from '@quantum/ast'
import { expect } from 'vitest'

/** The RuntimeError a promise rejects with (the test fails if it resolves or rejects with anything else). */
export async function failure(run: Promise<unknown>): Promise<RuntimeError> {
  const error = await run.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(RuntimeError)
  return error as RuntimeError
}
