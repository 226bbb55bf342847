import type {
  Backoff,
  FunctionNode,
  MisfirePolicy,
  ParamNode,
  SerializedError,
  Statement,
  ThreadPriority,
} from '@quantum/ast'
import type { LogEntry } from '../services/types'

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
  /** When the body started running (ISO 8601, UTC); while `NOT_STARTED`, when it was queued. */
  startTime: string
  /** Milliseconds the body has run (so far, while it runs). */
  elapsedTime: number
  /** The value of the first `q:return` the body executed; null without one. */
  result?: unknown
  output?: string
  error?: SerializedError | null
  /**
   * What the body wrote to its own `thread` scope (`<q:set name="thread.x">`). The tag shows these
   * next to the fields above, so the starter reads them as `thread.<name>.x`.
   */
  scope?: Record<string, unknown>
}

export interface ThreadRequest extends PortableBody {
  name: string
  priority: ThreadPriority
  timeoutMs?: number
  /** Called in the starting run when the thread ends, so `on-complete`/`on-error` see its state. */
  settled?: (info: ThreadInfo) => void | Promise<void>
}

export interface ThreadService {
  /**
   * Start a thread (or queue it as `NOT_STARTED`) and return its info at once.
   *
   * @throws ThreadError `THREAD_ALREADY_RUNNING` when a thread of that name is still waiting or running
   */
  run(request: ThreadRequest): Promise<ThreadInfo>
  /**
   * Wait for the thread and its `settled` callback, at most `timeoutMs`, and return its info: final, or
   * as it is when the time ran out (then still `RUNNING` or `NOT_STARTED`).
   */
  join(name: string, timeoutMs?: number): Promise<ThreadInfo>
  /** Stop a waiting or running thread and wait until it has; false when it was not running. */
  terminate(name: string): Promise<boolean>
  get(name: string): ThreadInfo | undefined
}

/**
 * One body for a {@link BodyExecutor}: a thread, a job attempt or a schedule fire. Everything but the
 * callbacks and the signal is JSON-safe and crosses to where the body runs.
 */
export interface BodyExecution {
  body: PortableBody
  /**
   * What the body is. A `thread` gets its own `thread` scope, returned as {@link BodyOutcome.scope};
   * the others run in a scope of that kind.
   */
  kind: 'thread' | 'job' | 'schedule'
  /** Variables on top of the snapshot (a job's params). */
  params?: Record<string, unknown>
  /**
   * Declared params to bind where the body runs: those whose default is databound (`default="{…}"`)
   * and that were given no value; evaluated in the body's scope (`BodyRunOptions.defaults`).
   */
  defaults?: ParamNode[]
  /**
   * Stops the body: it ends at its next statement or inside the sleep, HTTP call or query it waits on. A
   * body that does not stop within the executor's grace period is ended with its worker thread.
   */
  signal?: AbortSignal
  /** Stop the body this many milliseconds after it starts (as the signal does); the outcome is `timeout`. */
  timeoutMs?: number
  /** Where the body goes in the line of bodies waiting to start: high first, in order within one. @defaultValue 'normal' */
  priority?: ThreadPriority
  /** Called when the body leaves the waiting line and starts. */
  onStart?: () => void
  /** Receives each log entry as the body writes it, in order (they are in the outcome too). */
  onLog?: (entry: LogEntry) => void
}

/** How a body ended. */
export interface BodyOutcome {
  /** `aborted`: stopped through its signal; `timeout`: stopped by its `timeoutMs`; `failed`: it threw or its worker was lost. */
  status: 'completed' | 'failed' | 'aborted' | 'timeout'
  /** The value of the first `q:return` executed, as JSON-safe data; undefined without one. */
  result?: unknown
  /**
   * Why it failed (`failed`), or where a stopped body stopped when it stopped by itself (`aborted`,
   * `timeout`): a coded error as `QuantumError.toJSON()` gives it, position included.
   */
  error?: SerializedError
  /** What the body rendered (empty unless it completed). */
  output: string
  /** The body's log entries, oldest first (at most the last 10,000). */
  logs: LogEntry[]
  /** What a `thread` body wrote to its `thread` scope, when it completed. */
  scope?: Record<string, unknown>
  /** When the body started (ISO 8601, UTC); absent when it never did. */
  startedAt?: string
  /** Milliseconds from its start to its end (0 when it never started). */
  elapsedMs: number
}

/**
 * Runs bodies away from the host's main thread (the warm worker pool of `@quantum/threads`), so the
 * thread service, the queue and the scheduler run bodies without importing the package that does it.
 */
export interface BodyExecutor {
  /**
   * Start (or queue) a body and resolve with how it ended; a body's own failure resolves as `failed`.
   *
   * @throws ThreadError synchronously, with nothing started, when the body cannot be accepted:
   *   `THREAD_QUEUE_FULL` when the waiting line is full, `THREAD_POOL_CLOSED` after the executor closed
   */
  execute(execution: BodyExecution): Promise<BodyOutcome>
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
