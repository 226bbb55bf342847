import { ErrorCodes, QuantumError } from '@quantum/ast'
import type { Store } from '@quantum/store'

/** How often a worker checks its store, in ms. */
export const STORE_CHECK_EVERY_MS = 1_000

/**
 * How many checks in a row may fail before a worker gives up on its store and exits non-zero: about
 * ten seconds, enough to ride out a Redis restart, short enough that a supervisor soon restarts a worker
 * whose state file was damaged.
 */
export const STORE_CHECK_FAILURES = 10

/** How often and how patiently {@link watchStore} checks. */
export interface StoreWatchOptions {
  /** @defaultValue {@link STORE_CHECK_EVERY_MS} */
  everyMs?: number
  /** @defaultValue {@link STORE_CHECK_FAILURES} */
  failures?: number
}

/** A store checked now and then (see {@link Store.check}). */
export interface StoreWatch {
  /** Why the last check failed, or undefined while the store answers. */
  readonly failure: QuantumError | undefined
  /** Resolves with the last failure once `failures` checks in a row failed; checking stops then. */
  readonly fatal: Promise<QuantumError>
  /** Stops checking. */
  stop(): void
}

/** Checks `store` every `everyMs`, one check at a time, until stopped or given up. */
export function watchStore(store: Pick<Store, 'check'>, options: StoreWatchOptions = {}): StoreWatch {
  const everyMs = options.everyMs ?? STORE_CHECK_EVERY_MS
  const limit = options.failures ?? STORE_CHECK_FAILURES
  let failure: QuantumError | undefined
  let failedInARow = 0
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  let giveUp: (error: QuantumError) => void = () => {}
  const fatal = new Promise<QuantumError>((resolve) => {
    giveUp = resolve
  })
  const next = () => {
    if (!stopped) timer = setTimeout(check, everyMs)
  }
  const check = () => {
    store.check().then(
      () => {
        failure = undefined
        failedInARow = 0
        next()
      },
      (error: unknown) => {
        failure = QuantumError.is(error)
          ? error
          : new QuantumError(ErrorCodes.STORE_UNAVAILABLE, String(error), { cause: error })
        if (++failedInARow < limit) return next()
        stopped = true
        giveUp(failure)
      },
    )
  }
  next()
  return {
    get failure() {
      return failure
    },
    fatal,
    stop() {
      stopped = true
      clearTimeout(timer)
    },
  }
}
