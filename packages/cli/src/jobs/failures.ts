import { type ErrorCode, ErrorCodes } from '@quantum/ast'
import type { CliIO } from '../io'
import { stderrReport } from '../problems'

/**
 * Upstream's failure lines of `quantum jobs`, each printed as every CLI problem is (`error CODE: …`);
 * each returns the exit code, 1.
 */

/** `Job not found: NAME` (`status`, `run`), coded `SCHEDULE_NOT_FOUND` as the scheduler codes it. */
export function jobNotFound(name: string, io: CliIO): number {
  stderrReport(io)({ code: ErrorCodes.SCHEDULE_NOT_FOUND, message: `Job not found: ${name}` })
  return 1
}

/** `Job failed: REASON` of a run here (`jobs run --sync`), with the code of the error that ended it. */
export function jobFailed(code: ErrorCode, reason: string, io: CliIO): number {
  stderrReport(io)({ code, message: `Job failed: ${reason}` })
  return 1
}
