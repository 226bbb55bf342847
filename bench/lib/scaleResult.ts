/**
 * What one scale run (`lib/scheduleScale.mjs`) prints as its JSON line for bench/schedule.ts: N timers of
 * 5 s hosted by @quantum/scheduler or by croner in a process of their own. Its peak RSS and threads are
 * read from outside, by bench/schedule.ts.
 */
export interface ScaleResult {
  side: 'quantum' | 'croner'
  n: number
  seconds: number
  /** CPU time of all the process's threads over the window, in seconds per minute of it. */
  cpuPerMinute: number
  /** Lateness (start minus due instant, ms) of each fire due in the window. */
  late: number[]
  /** The same, of each timer's first fire when it falls in the window. */
  firstLate: number[]
  /** Fire instants due in the window (every timer, every 5 s), and how many of them fired. */
  expected: number
  seen: number
  /** The same instant of one timer fired more than once. */
  duplicates: number
  /** Timers with at least one instant in the window that did not fire. */
  missing: number
  /** Fires whose body failed, timed out or was ended. */
  failed: number
  /** Instants recorded skipped or missed. */
  skipped: number
  /** The scheduler's problems (store failures, worker errors), and the first one's message. */
  problems: number
  firstProblem?: string
}
