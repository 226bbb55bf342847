import { afterEach, describe, expect, it, vi } from 'vitest'
import { setLongTimeout } from '../src/index'

const DAY = 86_400_000

afterEach(() => {
  vi.useRealTimers()
})

describe('setLongTimeout', () => {
  it('waits 40 days when Node’s own timer would fire at once', () => {
    vi.useFakeTimers()
    const fired = vi.fn()
    setLongTimeout(fired, 40 * DAY)
    vi.advanceTimersByTime(40 * DAY - 1)
    expect(fired).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(fired).toHaveBeenCalledTimes(1)
  })

  it('fires short waits as setTimeout does, and is cancelled at any point of a long one', () => {
    vi.useFakeTimers()
    const short = vi.fn()
    setLongTimeout(short, 50)
    vi.advanceTimersByTime(50)
    expect(short).toHaveBeenCalledTimes(1)
    const long = vi.fn()
    const cancel = setLongTimeout(long, 30 * DAY)
    vi.advanceTimersByTime(26 * DAY)
    cancel()
    vi.advanceTimersByTime(10 * DAY)
    expect(long).not.toHaveBeenCalled()
  })
})
