import type {
  Backoff,
  FunctionNode,
  MisfirePolicy,
  ParamNode,
  SerializedError,
  Statement,
  ThreadPriority,
} from '@quantum/ast'

/**
 * The contracts `q:schedule`, `q:thread` and `q:job` delegate to. The runtime only declares them;
 * `@quantum/scheduler`, `@quantum/threads` and `@quantum/queue` implement them and a host wires them
 * in. Everything that crosses them is JSON-safe (bodies are AST, state is a snapshot).
 */

/** What a body needs to run somewhere else: its statements, the functions it may call, its file. */
export interface PortableBody {
  body: Statement[]
  functions: FunctionNode[]
  file?: string
  /** JSON-safe copy of the variables the body starts with. */
  snapshot: Record<string, unknown>
  /** JSON-safe copy of the session scope of the run that started it (threads see it, as upstream). */
  session?: Record<string, unknown>
}

export type ScheduleTrigger =
  | { kind: 'interval'; everyMs: number }
  | { kind: 'cron'; expression: string }
  | { kind: 'at'; at: string }

/** A schedule as `q:schedule action="run"` registers it (durations in ms, trigger databound already). */
export interface ScheduleDefinition extends PortableBody {
  name: string
  trigger: ScheduleTrigger
  timezone: string
  retry: number
  timeoutMs?: number
  overlap: boolean
  enabled: boolean
  misfire: MisfirePolicy
}

/** Upstream's `schedule_<name>` value. */
export interface ScheduleInfo {
  name: string
  trigger_type: 'interval' | 'cron' | 'date'
  trigger_info: string
  /** The instant the scheduler will fire next, or null when paused or done. */
  next_run: string | null
  enabled: boolean
}

export interface ScheduleService {
  register(definition: ScheduleDefinition): Promise<ScheduleInfo>
  pause(name: string): Promise<boolean>
  resume(name: string): Promise<boolean>
  delete(name: string): Promise<boolean>
}

/** cfthread status words. */
export type ThreadStatus = 'NOT_STARTED' | 'RUNNING' | 'COMPLETED' | 'TERMINATED' | 'FAILED'

/** What a thread looks like from outside: `thread.<name>`, `thread_<name>`. */
export interface ThreadInfo {
  name: string
  status: ThreadStatus
  priority: ThreadPriority
  startTime: string
  elapsedTime: number
  result?: unknown
  output?: string
  error?: SerializedError | null
}

export interface ThreadRequest extends PortableBody {
  name: string
  priority: ThreadPriority
  timeoutMs?: number
  /** Called in the starting run when the thread ends, so `on-complete`/`on-error` see its state. */
  settled?: (info: ThreadInfo) => void | Promise<void>
}

export interface ThreadService {
  run(request: ThreadRequest): Promise<ThreadInfo>
  /** Wait for the thread (at most `timeoutMs`) and return its final info. */
  join(name: string, timeoutMs?: number): Promise<ThreadInfo>
  terminate(name: string): Promise<boolean>
  get(name: string): ThreadInfo | undefined
}

/** A job as `q:job action="define"` registers it. */
export interface JobDefinition extends PortableBody {
  name: string
  queue: string
  params: ParamNode[]
  attempts: number
  backoff: Backoff
  priority: number
  timeoutMs?: number
  delayMs?: number
}

/** One job to enqueue; unset fields come from the definition. */
export interface DispatchRequest {
  name: string
  params: Record<string, unknown>
  queue?: string
  delayMs?: number
  priority?: number
  attempts?: number
  backoff?: Backoff
  timeoutMs?: number
}

export interface DispatchReceipt {
  id: string | number
  queue: string
}

export interface JobService {
  define(definition: JobDefinition): Promise<void>
  dispatch(request: DispatchRequest): Promise<DispatchReceipt>
  dispatchBatch(requests: DispatchRequest[]): Promise<DispatchReceipt[]>
}
