import { ErrorCodes, QuantumError, type SerializedError, ThreadError } from '@quantum/ast'
import type {
  BodyExecutor,
  BodyOutcome,
  Logger,
  ThreadInfo,
  ThreadRequest,
  ThreadService,
} from '@quantum/runtime'
import { formatMilliseconds, setLongTimeout } from '@quantum/time'
import type { ThreadPool } from './poolOptions'

/** Options of {@link createThreadService}. */
export interface ThreadServiceOptions {
  /**
   * The host's logger. Each log entry of a body arrives here as it is written, in order, its message
   * prefixed with `[thread:<name>] `; failures and failing callbacks are logged here too.
   */
  logger?: Logger
  /** Milliseconds a finished thread stays inspectable (`get`, `join`, `list`). @defaultValue 3_600_000 (an hour) */
  keepFinishedMs?: number
  /** Finished threads kept at most; past it the oldest are dropped first. @defaultValue 1000 */
  keepFinished?: number
}

/** The thread service of a host: the runtime's `ThreadService`, plus what a host needs to wind down. */
export interface PoolThreadService extends ThreadService {
  /** Every thread still known: waiting, running, and finished ones not dropped yet, oldest first. */
  list(): ThreadInfo[]
  /** Wait until every thread started so far, and any its callbacks start, has ended and had its callback. */
  idle(): Promise<void>
  /** Terminate every waiting or running thread and wait until they have stopped. */
  terminateAll(): Promise<void>
}

/** One thread by name: its latest state, what settles it and what stops it. */
interface Entry {
  info: ThreadInfo
  stop: AbortController
  /** What the executor returned for the body. */
  outcome: Promise<BodyOutcome>
  /** Resolves with the final state once the starter's `settled` callback has run. */
  done: Promise<ThreadInfo>
  /** performance.now() when it started running. */
  started?: number
  /** Date.now() when its callback had run; until then the name counts as running. */
  settledAt?: number
}

/**
 * `q:thread` over a {@link BodyExecutor} (the warm pool): a thread is `NOT_STARTED` while it waits for a
 * slot, `RUNNING` on a worker, then `COMPLETED`, `FAILED` or `TERMINATED`; its starter's `settled`
 * callback (`on-complete`/`on-error`) runs here, in the starting run, before joiners return.
 */
export function createThreadService(
  executor: BodyExecutor,
  options: ThreadServiceOptions = {},
): PoolThreadService {
  const { logger } = options
  const keepMs = options.keepFinishedMs ?? 3_600_000
  const keepCount = Math.max(0, options.keepFinished ?? 1000)
  const entries = new Map<string, Entry>()
  /** The finished entries, in the order they settled: the first to drop. */
  const finished = new Set<Entry>()

  const log = (level: 'error', message: string) => logger?.log({ time: new Date(), level, message })

  /** Drop the oldest finished threads, past their time or the count (only those: a call costs what it drops). */
  const prune = () => {
    const now = Date.now()
    for (const entry of finished) {
      if (finished.size <= keepCount && now - (entry.settledAt as number) < keepMs) return
      finished.delete(entry)
      if (entries.get(entry.info.name) === entry) entries.delete(entry.info.name)
    }
  }

  const find = (name: string): Entry => {
    prune()
    const entry = entries.get(name)
    if (!entry) throw new ThreadError(ErrorCodes.THREAD_NOT_FOUND, `Thread '${name}' not found`)
    return entry
  }

  async function terminate(name: string): Promise<boolean> {
    prune()
    const entry = entries.get(name)
    if (!entry || (entry.info.status !== 'NOT_STARTED' && entry.info.status !== 'RUNNING')) return false
    entry.stop.abort('Thread terminated')
    await entry.done
    return true
  }

  async function settle(entry: Entry, request: ThreadRequest, outcome: BodyOutcome): Promise<ThreadInfo> {
    entry.info = finalInfo(entry.info, request, outcome)
    const { info } = entry
    if (info.status === 'FAILED') log('error', `Thread '${info.name}' failed: ${info.error?.message ?? ''}`)
    try {
      await request.settled?.({ ...info })
    } catch (error) {
      const message = QuantumError.is(error) || error instanceof Error ? error.message : String(error)
      log('error', `Thread '${info.name}' callback failed: ${message}`)
    }
    entry.settledAt = Date.now()
    finished.add(entry)
    return { ...info }
  }

  return {
    async run(request) {
      prune()
      const { name } = request
      const current = entries.get(name)
      if (current && current.settledAt === undefined) {
        throw new ThreadError(ErrorCodes.THREAD_ALREADY_RUNNING, `Thread '${name}' is already running`, {
          details: { name },
        })
      }
      const stop = new AbortController()
      const entry: Entry = {
        info: {
          name,
          status: 'NOT_STARTED',
          priority: request.priority,
          startTime: new Date().toISOString(),
          elapsedTime: 0,
        },
        stop,
        outcome: Promise.resolve(undefined as never),
        done: Promise.resolve(undefined as never),
      }
      entry.outcome = executor.execute({
        body: portableBody(request),
        kind: 'thread',
        priority: request.priority,
        signal: stop.signal,
        ...(request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs }),
        onStart: () => {
          entry.started = performance.now()
          entry.info = { ...entry.info, status: 'RUNNING', startTime: new Date().toISOString() }
        },
        onLog: (logEntry) => logger?.log({ ...logEntry, message: `[thread:${name}] ${logEntry.message}` }),
      })
      entry.done = entry.outcome.then((ended) => settle(entry, request, ended))
      // A re-run goes to the end, so the map stays in starting order.
      if (current) finished.delete(current)
      entries.delete(name)
      entries.set(name, entry)
      return view(entry)
    },

    async join(name, timeoutMs) {
      const entry = find(name)
      const waiting = timeoutMs === undefined ? entry.done : until(entry, timeoutMs)
      // A body of the pool that joins lends its slot to a thread still waiting for one.
      return isPool(executor) ? executor.waitFor(entry.outcome, waiting) : waiting
    },

    terminate,

    get(name) {
      prune()
      const entry = entries.get(name)
      return entry ? view(entry) : undefined
    },

    list() {
      prune()
      return [...entries.values()].map(view)
    },

    async idle() {
      for (;;) {
        const pending = [...entries.values()].filter((entry) => entry.settledAt === undefined)
        if (pending.length === 0) return
        await Promise.all(pending.map((entry) => entry.done))
      }
    },

    async terminateAll() {
      await Promise.all([...entries.keys()].map(terminate))
    },
  }
}

/** A thread's state now (a running one's elapsed time so far). */
function view(entry: Entry): ThreadInfo {
  const info = { ...entry.info }
  if (info.status === 'RUNNING' && entry.started !== undefined) {
    info.elapsedTime = Math.round(performance.now() - entry.started)
  }
  return info
}

/** The final state of the entry's thread, or its state as it is after `timeoutMs`. */
async function until(entry: Entry, timeoutMs: number): Promise<ThreadInfo> {
  let cancel = () => {}
  const late = new Promise<undefined>((resolve) => {
    cancel = setLongTimeout(() => resolve(undefined), timeoutMs)
  })
  try {
    return (await Promise.race([entry.done, late])) ?? view(entry)
  } finally {
    cancel()
  }
}

function isPool(executor: BodyExecutor): executor is ThreadPool {
  return typeof (executor as Partial<ThreadPool>).waitFor === 'function'
}

/** The body as it crosses to a worker: statements, functions, snapshot, session and file; no callback. */
function portableBody(request: ThreadRequest) {
  const { body, functions, snapshot, session, file } = request
  return {
    body,
    functions,
    snapshot,
    ...(session === undefined ? {} : { session }),
    ...(file === undefined ? {} : { file }),
  }
}

/** The cfthread view of how a body ended. */
function finalInfo(started: ThreadInfo, request: ThreadRequest, outcome: BodyOutcome): ThreadInfo {
  const info: ThreadInfo = {
    name: started.name,
    status: 'COMPLETED',
    priority: started.priority,
    startTime: outcome.startedAt ?? started.startTime,
    elapsedTime: outcome.elapsedMs,
    result: null,
    output: outcome.output,
    error: null,
  }
  switch (outcome.status) {
    case 'completed':
      info.result = outcome.result ?? null
      if (outcome.scope && Object.keys(outcome.scope).length > 0) info.scope = outcome.scope
      return info
    case 'failed':
      return { ...info, status: 'FAILED', error: outcome.error ?? null }
    case 'aborted':
      return {
        ...info,
        status: 'TERMINATED',
        error: stopped(ErrorCodes.THREAD_TERMINATED, `Thread '${info.name}' was terminated`, outcome.error),
      }
    case 'timeout': {
      const after = formatMilliseconds(request.timeoutMs ?? outcome.elapsedMs)
      return {
        ...info,
        status: 'TERMINATED',
        error: stopped(
          ErrorCodes.THREAD_TIMEOUT,
          `Thread '${info.name}' timed out after ${after}`,
          outcome.error,
        ),
      }
    }
  }
}

/** The error of a stopped thread, at the statement where it stopped when it stopped by itself. */
function stopped(
  code: typeof ErrorCodes.THREAD_TERMINATED | typeof ErrorCodes.THREAD_TIMEOUT,
  message: string,
  where: SerializedError | undefined,
): SerializedError {
  const error = new ThreadError(code, message, {
    ...(where?.position ? { position: where.position } : {}),
    ...(where?.file === undefined ? {} : { file: where.file }),
  })
  return error.toJSON()
}
