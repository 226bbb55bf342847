import { type ErrorCode, ErrorCodes, QuantumError } from '@quantum/ast'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** A refusal or failure the API answers with `{ error: { code, message } }` and an HTTP status. */
export class ApiError extends QuantumError {
  readonly status: ContentfulStatusCode

  constructor(
    status: ContentfulStatusCode,
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(code, message, details ? { details } : {})
    this.status = status
  }
}

/** A request parameter or body the API cannot use. */
export function badRequest(message: string, details?: Record<string, unknown>): ApiError {
  return new ApiError(400, ErrorCodes.PLAYGROUND_BAD_REQUEST, message, details)
}

/** The status of errors the store and queue raise: bad input is the client's, an unreachable store is not. */
const STATUS_BY_CODE: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  SCHEDULE_NOT_FOUND: 404,
  QUEUE_JOB_NOT_FOUND: 404,
  STORE_ERROR: 400,
  QUEUE_ERROR: 400,
  STORE_UNAVAILABLE: 503,
  STORE_CORRUPT: 503,
  QUEUE_CONNECTION_CLOSED: 503,
}

/**
 * The JSON answer for anything a route threw: a coded error keeps its code (and an HTTP status that fits
 * it); anything else is an internal error whose message is logged, never a crash of the server.
 */
export function errorResponse(error: unknown, c: Context, log: (message: string) => void): Response {
  if (error instanceof ApiError) return c.json(body(error), error.status)
  if (QuantumError.is(error)) return c.json(body(error), STATUS_BY_CODE[error.code] ?? 500)
  log(
    `playground: internal error on ${c.req.method} ${c.req.path}: ${(error as Error)?.stack ?? String(error)}`,
  )
  return c.json(
    { error: { code: ErrorCodes.CLI_INTERNAL, message: 'Internal error (logged by the server)' } },
    500,
  )
}

function body(error: QuantumError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    },
  }
}
