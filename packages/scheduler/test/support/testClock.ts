import type { SchedulerClock } from '../../src/index'

/**
 * A clock that runs at real speed from where the test puts it, and jumps when the test says: timers run
 * only as a jump passes their instants, earliest first, each at its own instant. (Running at real speed
 * keeps the fire workers, which hold and time bodies by `Date.now()`, consistent with it.)
 */
export class TestClock implements SchedulerClock {
  #timers: { at: number; callback: () => void }[] = []
  #offset: number
  /** Every delay a timer was set for, in order (to see a 40-day timer set as one). */
  readonly delays: number[] = []

  constructor(start: number) {
    this.#offset = start - Date.now()
  }

  now = () => Date.now() + this.#offset

  setTimer = (callback: () => void, ms: number) => {
    const timer = { at: this.now() + ms, callback }
    this.#timers.push(timer)
    this.delays.push(ms)
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer)
    }
  }

  /** Jump to `to`, running each timer due by then. */
  advanceTo(to: number) {
    for (;;) {
      const due = this.#timers.filter((t) => t.at <= to).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      this.#timers = this.#timers.filter((t) => t !== due)
      this.#jump(due.at)
      due.callback()
    }
    this.#jump(to)
  }

  #jump(to: number) {
    if (to > this.now()) this.#offset = to - Date.now()
  }
}
