import { ErrorCodes } from '@quantum/ast'
import { coded } from '../internal/errors'

/** `Job '<name>' is not defined`: no handler here and no definition in the store. */
export function notDefined(name: string) {
  return coded(ErrorCodes.QUEUE_JOB_NOT_DEFINED, `Job '${name}' is not defined`, { name })
}
