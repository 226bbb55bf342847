import { ErrorCodes, QuantumError } from '@quantum/ast'
import type { Context } from '../scope/context'
import type { Site } from './errors'

/**
 * A service's `RUNTIME_ABORTED` told as the run's own stop: when it was the run's wall time that fired
 * the signal, the error is `RUNTIME_LIMIT_EXCEEDED`, as it is between statements. Other errors are
 * returned as they are.
 */
export function asRunStop(error: unknown, ctx: Context, site: Site): unknown {
  if (!QuantumError.is(error) || error.code !== ErrorCodes.RUNTIME_ABORTED || !ctx.run.signal?.aborted) {
    return error
  }
  const stop = ctx.run.aborted(site)
  return stop.code === ErrorCodes.RUNTIME_LIMIT_EXCEEDED ? stop : error
}
