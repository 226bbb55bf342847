import type { Backoff, FunctionNode, MisfirePolicy, ParamNode, Statement } from '@quantum/ast'

/*
 * The definitions the store keeps, in the shape `@quantum/runtime` hands them to its services
 * (`runtime/src/jobs/types.ts`). The store depends on `@quantum/ast` only, so it states the shape here;
 * `test/definitions.test.ts` pins that the runtime's types and these stay assignable both ways.
 */

/** What a body needs to run somewhere else: its statements, the functions it may call, its file. */
export interface StoredBody {
  body: Statement[]
  functions: FunctionNode[]
  file?: string
  /** JSON-safe copy of the variables the body starts with. */
  snapshot: Record<string, unknown>
  /** JSON-safe copy of the session scope of the run that registered it. */
  session?: Record<string, unknown>
}

/** When a schedule fires: every `everyMs`, on a cron expression, or once at an ISO 8601 instant. */
export type ScheduleTrigger =
  | { kind: 'interval'; everyMs: number }
  | { kind: 'cron'; expression: string }
  | { kind: 'at'; at: string }

/** A schedule as `q:schedule action="run"` registers it (durations in ms, attributes bound already). */
export interface ScheduleDefinition extends StoredBody {
  name: string
  trigger: ScheduleTrigger
  timezone: string
  retry: number
  timeoutMs?: number
  overlap: boolean
  enabled: boolean
  misfire: MisfirePolicy
}

/** A job as `q:job action="define"` registers it. */
export interface JobDefinition extends StoredBody {
  name: string
  queue: string
  params: ParamNode[]
  attempts: number
  backoff: Backoff
  priority: number
  timeoutMs?: number
  delayMs?: number
}
