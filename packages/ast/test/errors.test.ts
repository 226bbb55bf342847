import { describe, expect, it } from 'vitest'
import {
  CliError,
  ErrorCodes,
  ParseError,
  QuantumError,
  QueueError,
  RuntimeError,
  ScheduleError,
  ThreadError,
  ValidationError,
} from '../src/index'

const position = { start: { line: 3, column: 5, offset: 40 }, end: { line: 3, column: 9, offset: 44 } }

describe('QuantumError', () => {
  it('carries code, message, file and position, and prints file:line:col', () => {
    const error = new ValidationError(ErrorCodes.PARSE_MISSING_ATTRIBUTE, 'missing "name"', {
      file: 'a.q',
      position,
    })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('ValidationError')
    expect(error.code).toBe('PARSE_MISSING_ATTRIBUTE')
    expect(error.location).toBe('a.q:3:5')
    expect(QuantumError.is(error)).toBe(true)
    expect(QuantumError.is(new Error('x'))).toBe(false)
    expect(QuantumError.is(null)).toBe(false)
  })

  it.each([ParseError, ValidationError, RuntimeError, ScheduleError, ThreadError, QueueError, CliError])(
    '%o survives JSON (as through a worker thread or Redis) with its class',
    (Class) => {
      const inner = new ParseError(ErrorCodes.PARSE_EXPRESSION, 'unexpected ")"', { position })
      const error = new Class(ErrorCodes.RUNTIME_ERROR, 'boom', {
        file: 'jobs.q',
        position,
        cause: new TypeError('bad type'),
        errors: [inner],
        details: { value: 'x' },
      })
      const wire = JSON.parse(JSON.stringify(error))
      const back = QuantumError.fromJSON(wire)
      expect(back).toBeInstanceOf(Class)
      expect(back.name).toBe(Class.name)
      expect(back.code).toBe('RUNTIME_ERROR')
      expect(back.message).toBe('boom')
      expect(back.position).toEqual(position)
      expect(back.file).toBe('jobs.q')
      expect(back.details).toEqual({ value: 'x' })
      expect(back.errors?.[0]).toBeInstanceOf(ParseError)
      expect(back.errors?.[0]?.message).toBe('unexpected ")"')
      expect((back.cause as Error).message).toBe('bad type')
      expect(QuantumError.is(back)).toBe(true)
    },
  )

  it('gives the quantum command its own class and codes', () => {
    const error = new CliError(ErrorCodes.CLI_CONFIG, "unknown key 'datasource'", {
      file: 'quantum.config.json',
    })
    const back = QuantumError.fromJSON(JSON.parse(JSON.stringify(error)))
    expect(back).toBeInstanceOf(CliError)
    expect([back.name, back.code, back.location]).toEqual(['CliError', 'CLI_CONFIG', 'quantum.config.json'])
    expect([ErrorCodes.CLI_HOME, ErrorCodes.CLI_INTERNAL]).toEqual(['CLI_HOME', 'CLI_INTERNAL'])
  })

  it('uses the location parts it knows', () => {
    expect(new RuntimeError(ErrorCodes.RUNTIME_ERROR, 'x').location).toBe('')
    expect(new RuntimeError(ErrorCodes.RUNTIME_ERROR, 'x', { file: 'f.q' }).location).toBe('f.q')
    expect(new RuntimeError(ErrorCodes.RUNTIME_ERROR, 'x', { position }).location).toBe('3:5')
  })
})

describe('ErrorCodes', () => {
  it('spells every code as its own key, so scripts can match on either', () => {
    for (const [key, code] of Object.entries(ErrorCodes)) expect(code).toBe(key)
    expect(ErrorCodes.PARSE_SCHEDULE_RUNS_NOTHING).toBe('PARSE_SCHEDULE_RUNS_NOTHING')
  })
})
