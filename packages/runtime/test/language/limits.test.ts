import { describe, expect, it } from 'vitest'
import { run, runError } from '../helpers'

describe('cancellation and limits', () => {
  it('a step limit ends a runaway body with RUNTIME_LIMIT_EXCEEDED', async () => {
    const error = await runError(
      '<q:loop var="i" from="1" to="1000000"><q:set name="x" value="{i}"/></q:loop>',
      {
        runtime: { limits: { maxSteps: 1000 } },
      },
    )
    expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    expect(error.message).toBe('run exceeded 1000 steps')
  })

  it('a wall-time limit ends a long body', async () => {
    const started = Date.now()
    const error = await runError(
      '<q:loop var="i" from="1" to="100000000"><q:set name="x" value="{i}"/></q:loop>',
      {
        runtime: { limits: { maxWallTimeMs: 150 } },
      },
    )
    expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    expect(error.message).toBe('run exceeded its wall time of 150 ms')
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('an output limit stops a body that writes too much', async () => {
    const error = await runError('<q:loop var="i" from="1" to="100000"><p>line {i}</p></q:loop>', {
      runtime: { limits: { maxOutput: 500 } },
    })
    expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    expect(error.message).toBe('run exceeded 500 characters of output')
  })

  it('aborting the signal stops a CPU-bound body between statements, with the reason', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('Job timed out after 100ms')), 100)
    const started = Date.now()
    const error = await runError(
      '<q:loop var="i" from="1" to="1000000000"><q:set name="x" value="{i}"/></q:loop>',
      {
        signal: controller.signal,
      },
    )
    expect(error.code).toBe('RUNTIME_ABORTED')
    expect(error.message).toBe('Job timed out after 100ms')
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('aborting wakes a q:sleep at once', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort('terminated'), 50)
    const started = Date.now()
    const error = await runError('<q:sleep duration="30s"/>', { signal: controller.signal })
    expect(error.code).toBe('RUNTIME_ABORTED')
    expect(error.message).toBe('terminated')
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('q:try cannot swallow cancellation', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort('stop'), 30)
    const error = await runError(
      '<q:try><q:sleep duration="10s"/><q:catch><q:set name="swallowed" value="1"/></q:catch></q:try>',
      {
        signal: controller.signal,
      },
    )
    expect(error.code).toBe('RUNTIME_ABORTED')
  })

  it('a long CPU-bound body yields to the event loop so timers keep firing', async () => {
    const ticks: number[] = []
    const timer = setInterval(() => ticks.push(Date.now()), 5)
    const started = Date.now()
    try {
      await run('<q:loop var="i" from="1" to="400000"><q:set name="x" operation="increment"/></q:loop>')
    } finally {
      clearInterval(timer)
    }
    const total = Date.now() - started
    expect(ticks.length).toBeGreaterThan(2)
    const gaps = ticks.slice(1).map((t, i) => t - (ticks[i] as number))
    // Never starved for long: every gap stays far below what one uninterrupted loop would take (a busy
    // machine may still pause the whole process for a moment, hence the floor).
    expect(Math.max(...gaps)).toBeLessThan(Math.max(300, total / 4))
  })

  it('q:sleep pauses for about its duration', async () => {
    const started = Date.now()
    await run('<q:sleep duration="60ms"/>')
    expect(Date.now() - started).toBeGreaterThanOrEqual(55)
  })

  it('run-time errors carry the file and the position of the failing tag', async () => {
    const error = await runError('\n\n    <q:set name="x" value="{1 + [1]}"/>')
    expect(error.location).toBe('test.q:3:29')
    expect(error.name).toBe('RuntimeError')
  })
})
