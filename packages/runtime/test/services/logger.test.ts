import { describe, expect, it } from 'vitest'
import type { LogEntry } from '../../src/index'
import { createLogger, formatLogLine, systemClock } from '../../src/services'

const TIME = new Date(Date.UTC(2024, 2, 5, 7, 8, 9, 123))

function capture(options: Parameters<typeof createLogger>[0] = {}) {
  const written: string[] = []
  const logger = createLogger({ write: (line) => written.push(line), ...options })
  return { logger, written }
}

describe('logger', () => {
  it('formats lines as YYYY-MM-DD HH:MM:SS [LEVEL] message in UTC', () => {
    const { logger, written } = capture()
    logger.log({ time: TIME, level: 'info', message: 'Server started' })
    expect(written).toEqual(['2024-03-05 07:08:09 [INFO] Server started'])
  })

  it('names every level in capitals', () => {
    const { logger, written } = capture({ minLevel: 'trace' })
    for (const level of ['trace', 'debug', 'info', 'warning', 'error', 'critical'] as const) {
      logger.log({ time: TIME, level, message: 'm' })
    }
    expect(written.map((line) => line.slice(20))).toEqual([
      '[TRACE] m',
      '[DEBUG] m',
      '[INFO] m',
      '[WARNING] m',
      '[ERROR] m',
      '[CRITICAL] m',
    ])
  })

  it('appends the context as JSON and the correlation id', () => {
    const { logger, written } = capture()
    logger.log({
      time: TIME,
      level: 'error',
      message: 'Payment failed',
      context: { orderId: 7, tags: ['a'] },
    })
    logger.log({ time: TIME, level: 'warning', message: 'Slow', correlationId: 'req-42' })
    logger.log({ time: TIME, level: 'info', message: 'Both', context: 'text', correlationId: 'c-1' })
    logger.log({ time: TIME, level: 'info', message: 'Null context', context: null })
    expect(written).toEqual([
      '2024-03-05 07:08:09 [ERROR] Payment failed | context={"orderId":7,"tags":["a"]}',
      '2024-03-05 07:08:09 [WARNING] Slow | correlation_id=req-42',
      '2024-03-05 07:08:09 [INFO] Both | context="text" | correlation_id=c-1',
      '2024-03-05 07:08:09 [INFO] Null context | context=null',
    ])
  })

  it('prints a context JSON cannot hold with String() and never throws', () => {
    const { logger, written } = capture()
    const cyclic: Record<string, unknown> = { name: 'loop' }
    cyclic.self = cyclic
    logger.log({ time: TIME, level: 'info', message: 'Cycle', context: cyclic })
    logger.log({ time: TIME, level: 'info', message: 'Big', context: 10n })
    expect(written).toEqual([
      '2024-03-05 07:08:09 [INFO] Cycle | context=[object Object]',
      '2024-03-05 07:08:09 [INFO] Big | context=10',
    ])
    const failing = createLogger({
      write: () => {
        throw new Error('disk full')
      },
    })
    expect(() => failing.log({ time: TIME, level: 'info', message: 'x' })).not.toThrow()
    expect(failing.entries()).toHaveLength(1)
  })

  it('keeps the most recent entries in a ring', () => {
    const { logger } = capture({ ringSize: 3 })
    for (const n of [1, 2, 3, 4, 5]) logger.log({ time: TIME, level: 'info', message: `m${n}` })
    expect(logger.entries().map((entry) => entry.message)).toEqual(['m3', 'm4', 'm5'])
    expect(logger.lines()).toEqual([
      '2024-03-05 07:08:09 [INFO] m3',
      '2024-03-05 07:08:09 [INFO] m4',
      '2024-03-05 07:08:09 [INFO] m5',
    ])
  })

  it('writes only entries at or above minLevel but keeps all of them', () => {
    const { logger, written } = capture({ minLevel: 'warning' })
    const entries: LogEntry[] = [
      { time: TIME, level: 'debug', message: 'hidden' },
      { time: TIME, level: 'info', message: 'hidden too' },
      { time: TIME, level: 'warning', message: 'shown' },
      { time: TIME, level: 'critical', message: 'shown too' },
    ]
    for (const entry of entries) logger.log(entry)
    expect(written).toEqual([
      '2024-03-05 07:08:09 [WARNING] shown',
      '2024-03-05 07:08:09 [CRITICAL] shown too',
    ])
    expect(logger.entries()).toEqual(entries)
  })

  it('writes debug and above by default', () => {
    const { logger, written } = capture()
    logger.log({ time: TIME, level: 'trace', message: 'quiet' })
    logger.log({ time: TIME, level: 'debug', message: 'loud' })
    expect(written).toEqual(['2024-03-05 07:08:09 [DEBUG] loud'])
  })

  it('exposes the line format on its own', () => {
    expect(formatLogLine({ time: TIME, level: 'critical', message: 'Down', correlationId: 'x' })).toBe(
      '2024-03-05 07:08:09 [CRITICAL] Down | correlation_id=x',
    )
  })
})

describe('systemClock', () => {
  it('reads the time anew on every call, as a fresh Date', async () => {
    const before = Date.now()
    const first = systemClock.now()
    await new Promise((resolve) => setTimeout(resolve, 30))
    const second = systemClock.now()
    const after = Date.now()
    expect(first.getTime()).toBeGreaterThanOrEqual(before)
    expect(second.getTime()).toBeLessThanOrEqual(after)
    // A clock frozen at start-up, or one that hands out one shared Date, fails here.
    expect(second.getTime() - first.getTime()).toBeGreaterThanOrEqual(25)
    first.setTime(0)
    expect(systemClock.now().getTime()).toBeGreaterThanOrEqual(second.getTime())
  })
})
