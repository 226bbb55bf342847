import { ErrorCodes, QuantumError } from '@quantum/ast'

/** The first wait before a write is tried again, in ms; it doubles up to {@link RETRY_MAX_MS}. */
export const RETRY_FIRST_MS = 50
/** The longest wait between two tries of a write, in ms. */
export const RETRY_MAX_MS = 2_000

/**
 * Whether a failed write may land when tried again: the disk was full (`STORE_FULL`), or the database was
 * out of reach for a moment (`STORE_UNAVAILABLE` from the driver: busy, an I/O error). A closed store, bad
 * data or a damaged file will fail the same way every time.
 */
export function isPassing(error: unknown): boolean {
  if (!QuantumError.is(error)) return false
  if (error.code === ErrorCodes.STORE_FULL) return true
  return error.code === ErrorCodes.STORE_UNAVAILABLE && typeof error.details?.driverCode === 'string'
}

/**
 * Runs `write` until it lands: again after a passing failure ({@link isPassing}), waiting
 * {@link RETRY_FIRST_MS} and doubling up to {@link RETRY_MAX_MS}, until `giveUp()` says the write no
 * longer matters. The writes that record a finished job use it: the job's effect already happened, and a
 * write lost to a full disk would leave the job `running`, to run again once its lease ran out.
 *
 * @param onRetry told of the first failure of each run of failures (so a log says it once)
 * @throws the last error once `giveUp()` is true, or the first error that is not passing
 */
export async function untilWritten<T>(
  write: () => Promise<T>,
  giveUp: () => boolean,
  onRetry: (error: Error) => void,
): Promise<T> {
  for (let wait = RETRY_FIRST_MS; ; wait = Math.min(wait * 2, RETRY_MAX_MS)) {
    try {
      return await write()
    } catch (error) {
      if (!isPassing(error) || giveUp()) throw error
      if (wait === RETRY_FIRST_MS) onRetry(error as Error)
      await new Promise((resolve) => setTimeout(resolve, wait))
    }
  }
}
