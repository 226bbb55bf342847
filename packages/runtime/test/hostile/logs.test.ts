import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/services'
import { hostile, hostileError } from '../support/hostile'

/** A log line as a reader finds entries: `YYYY-MM-DD HH:MM:SS [LEVEL] …` at the start of a line. */
const ENTRY = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[[A-Z]+\] /

/** A host logger whose sink counts what it is given. */
function countingLogger() {
  const sink = { lines: 0, characters: 0, text: [] as string[] }
  const logger = createLogger({
    ringSize: 0,
    write: (line) => {
      sink.lines++
      sink.characters += line.length
      if (line.length < 1_000) sink.text.push(line)
    },
  })
  return { sink, logger }
}

describe('hostile: logs count against their own bounded limits', () => {
  it('200 logs of 8M characters stop at the log limit instead of writing 1.6 GB (the repro)', async () => {
    const { sink, logger } = countingLogger()
    const error = await hostileError(
      `<q:set name="s" value="x"/><q:loop type="range" var="i" from="1" to="23"><q:set name="s" value="{s}{s}"/></q:loop>
      <q:loop type="range" var="i" from="1" to="200"><q:log message="{s}"/></q:loop>`,
      { services: { logger } },
    )
    expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    expect(error.message).toBe('run exceeded 10000000 characters of logs')
    expect(error.location).toBe('test.q:2:54')
    expect(sink.lines).toBe(1)
    expect(sink.characters).toBeLessThan(10_000_100)
  })

  it('stops at maxLogEntries', async () => {
    const { sink, logger } = countingLogger()
    const error = await hostileError(
      '<q:loop type="range" var="i" from="1" to="100000"><q:log message="tick {i}"/></q:loop>',
      { services: { logger }, runtime: { limits: { maxLogEntries: 1_000 } } },
    )
    expect(error.message).toBe('run exceeded 1000 log entries')
    expect(sink.lines).toBe(1_000)
  })

  it('counts a context as its JSON, and a context nested too deeply is a coded error', async () => {
    const big = await hostileError('<q:log message="m" context="{{items: items}}"/>', {
      params: { items: Array.from({ length: 1_000 }, (_, i) => `item ${i}`) },
      runtime: { limits: { maxLogCharacters: 5_000 } },
    })
    expect(big.message).toBe('run exceeded 5000 characters of logs')
    const deep = await hostileError(
      '<q:set name="a" value="{[]}"/><q:loop type="range" var="i" from="1" to="5000"><q:set name="a" value="{[a]}"/></q:loop><q:log message="m" context="{a}"/>',
    )
    expect(deep.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    expect(deep.message).toBe('cannot serialise a value nested deeper than 1000 levels')
  })

  it('a line break in a message continues the entry on an indented line: it cannot forge another', async () => {
    const { sink, logger } = countingLogger()
    const forged = '2026-01-01 00:00:00 [ERROR] payment failed'
    const { result } = await hostile(
      `<q:log message="user said: {said}" correlationId="{said}"/><q:log level="warning" message="next"/>`,
      { services: { logger }, params: { said: `hi\n${forged}\r\n${forged}\r${forged}\u2028${forged}` } },
    )
    expect(result?.logs[0]?.message).toBe(`user said: hi\n${forged}\r\n${forged}\r${forged}\u2028${forged}`)
    const lines = sink.text.join('\n').split(/\r\n|[\n\r\u2028]/)
    expect(lines.filter((line) => ENTRY.test(line)).map((line) => line.slice(20))).toEqual([
      '[INFO] user said: hi',
      '[WARNING] next',
    ])
    expect(lines.filter((line) => !ENTRY.test(line)).every((line) => line.startsWith('    '))).toBe(true)
    expect(lines).toHaveLength(10)
  })
})
