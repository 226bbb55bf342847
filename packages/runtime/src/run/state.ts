import { ErrorCodes, type FunctionNode } from '@quantum/ast'
import type { HandlerMap } from '../execute'
import type { RuntimeServices } from '../runtimeTypes'
import type { LogEntry } from '../services/types'
import { createVars, LENIENT_SCOPES, type Vars } from '../values/missing'
import { runtimeError, type Site } from './errors'
import type { Limits } from './limits'

/** `q:redirect` as recorded in a run's result. */
export interface Redirect {
  url: string
  status: number
  flash?: string
}

/** Variables shared by every context of a run (and, for session/application, across runs). */
export interface SharedScopes {
  component: Vars
  session: Vars
  application: Vars
  request: Vars
}

/**
 * The state of one run: output, logs, limits, cancellation, the functions it can call. Passed
 * explicitly to every handler through the context; never global.
 */
export class RunState {
  readonly output: string[] = []
  readonly logs: LogEntry[] = []
  readonly functions = new Map<string, FunctionNode>()
  readonly threads: Vars = createVars()
  redirect: Redirect | undefined
  /** Function calls in progress. */
  depth = 0
  /** HTML elements being written (0: top level, where each element ends a line). */
  outputDepth = 0
  private outputSize = 0
  private steps = 0
  private readonly started = performance.now()
  private lastYield = this.started

  constructor(
    readonly services: RuntimeServices,
    readonly handlers: Partial<HandlerMap>,
    readonly limits: Limits,
    readonly signal: AbortSignal | undefined,
    readonly file: string | undefined,
  ) {
    LENIENT_SCOPES.add(this.threads)
  }

  /**
   * Called before every statement: honours cancellation and the limits, and every `yieldEveryMs` of
   * synchronous work hands the event loop a turn (returns a promise), so timers and other bodies run.
   */
  step(site: Site): void | Promise<void> {
    if (this.signal?.aborted) throw this.aborted(site)
    if (++this.steps > this.limits.maxSteps) {
      throw runtimeError(
        ErrorCodes.RUNTIME_LIMIT_EXCEEDED,
        `run exceeded ${this.limits.maxSteps} steps`,
        this.at(site),
      )
    }
    if ((this.steps & 15) !== 0) return undefined
    const now = performance.now()
    if (this.limits.maxWallTimeMs > 0 && now - this.started > this.limits.maxWallTimeMs) {
      throw runtimeError(
        ErrorCodes.RUNTIME_LIMIT_EXCEEDED,
        `run exceeded its wall time of ${this.limits.maxWallTimeMs} ms`,
        this.at(site),
      )
    }
    if (now - this.lastYield < this.limits.yieldEveryMs) return undefined
    return new Promise((resolve) =>
      setImmediate(() => {
        this.lastYield = performance.now()
        resolve()
      }),
    )
  }

  write(text: string, site: Site) {
    this.outputSize += text.length
    if (this.outputSize > this.limits.maxOutput) {
      throw runtimeError(
        ErrorCodes.RUNTIME_LIMIT_EXCEEDED,
        `run exceeded ${this.limits.maxOutput} characters of output`,
        this.at(site),
      )
    }
    this.output.push(text)
  }

  /** The error for a cancelled run, carrying the signal's reason. */
  aborted(site: Site) {
    const reason = this.signal?.reason
    const message = reason instanceof Error ? reason.message : reason ? String(reason) : 'run was cancelled'
    return runtimeError(ErrorCodes.RUNTIME_ABORTED, message, this.at(site), reason)
  }

  at(site: Site): Site {
    return { position: site.position, file: site.file ?? this.file }
  }

  get elapsedSteps(): number {
    return this.steps
  }
}
