import { CliError, ErrorCodes } from '@quantum/ast'
import { expect, it } from 'vitest'
import { formatDiagnostic } from '../src/index'

it('prints a CLI error like any other: location, code and message', () => {
  const error = new CliError(ErrorCodes.CLI_HOME, 'cannot create the state folder (EACCES)', {
    file: 'state',
  })
  expect(formatDiagnostic(error)).toBe('state: error CLI_HOME: cannot create the state folder (EACCES)')
})

it('takes only the stable error codes (checked by tsc)', () => {
  // @ts-expect-error a diagnostic's code is an ErrorCode, not any string
  expect(formatDiagnostic({ code: 'NOT_A_CODE', message: 'm' }, { file: 'f.q' })).toBe(
    'f.q: error NOT_A_CODE: m',
  )
})
