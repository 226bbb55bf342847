import type { Clock } from './types'

/** The real time. */
export const systemClock: Clock = {
  now: () => new Date(),
}
