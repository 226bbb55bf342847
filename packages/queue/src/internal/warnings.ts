import { QuantumError } from '@quantum/ast'
import { queueError } from './errors'

/**
 * A process warning for each problem no caller waits for, coded (`QUEUE_ERROR` unless it already has a
 * code). A lost connection or a broken database fails every poll the same way: a warning that repeats the
 * one before it is dropped, so the log says it once rather than ten times a second.
 */
export function warnOnce(kind: string): (error: Error) => void {
  let last = ''
  return (error) => {
    const warning = QuantumError.is(error)
      ? error
      : queueError(`The ${kind} queue failed in the background: ${error.message}`, {}, error)
    if (warning.message === last) return
    last = warning.message
    process.emitWarning(warning)
  }
}
