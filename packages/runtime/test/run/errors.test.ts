import { ErrorCodes, QuantumError, RuntimeError } from '@quantum/ast'
import { expect, it } from 'vitest'
import { runtimeError } from '../../src/run/errors'

const position = { start: { line: 2, column: 3, offset: 10 }, end: { line: 2, column: 9, offset: 16 } }

it('builds a RuntimeError at a node with its cause and details, which survive JSON', () => {
  const cause = new TypeError('not a number')
  const error = runtimeError(
    ErrorCodes.RUNTIME_PARAM,
    "Parameter 'n': not a number",
    { position, file: 'a.q' },
    cause,
    {
      parameter: 'n',
    },
  )
  expect(error).toBeInstanceOf(RuntimeError)
  expect([error.code, error.location, error.cause]).toEqual(['RUNTIME_PARAM', 'a.q:2:3', cause])
  expect(error.details).toEqual({ parameter: 'n' })
  expect(QuantumError.fromJSON(JSON.parse(JSON.stringify(error))).details).toEqual({ parameter: 'n' })
})

it('leaves out what it is not given', () => {
  const error = runtimeError(ErrorCodes.RUNTIME_ERROR, 'boom', {})
  expect(error.toJSON()).toEqual({ name: 'RuntimeError', code: 'RUNTIME_ERROR', message: 'boom' })
})
