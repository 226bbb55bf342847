import { AsyncLocalStorage } from 'node:async_hooks'
import { ErrorCodes, type FunctionNode } from '@quantum/ast'
import type { HandlerMap } from '../execute'
import type { RuntimeServices } from '../runtimeTypes'
import type { LogEntry } from '../services/types'
import type { ValueBounds } from '../values/bounds'
import { createVars, MISSING, type Missing, type Vars } from '../values/missing'
import { jsonLength } from '../values/render'
import { runtimeError, type Site } from './errors'
import { heapNearlyFull, LARGE_ALLOCATION } from './heapGuard'
import type { Limits } from './limits'
import { type Register, Registers } from './registers'

/** The abort reason of a run's own wall-time deadline (told apart from a caller's cancellation). */
const WALL_TIME = Symbol('wall time')

/** How many log entries a run keeps in its result; the host's logger gets every one. */
const MAX_RUN_LOGS = 10_000

/** Units of charged work between two looks at the clock and the signal. */
const CHARGES_PER_CLOCK = 4096

/** The document whose code is running: the run's own, or another component's while one of its functions runs. */
export interface DocumentFrame {
  /** The document's file, as errors and relative paths name it. */
  file: string | undefined
  /** The functions its code calls by name. */
  functions: Map<string, FunctionNode>
}

/**
 * The frame a piece of code runs in, following its async continuations: a thread callback that fires
 * while another component's function awaits still sees the document that started the thread.
 */
const frames = new AsyncLocalStorage<{ run: RunState; frame: DocumentFrame }>()

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
  /** Per-run state of the tags, each under its own key. */
  readonly registers = new Registers()
  /**
   * Result variables a tag publishes under names of their own (`thread_<name>`): read like the
   * component's variables, but kept in no scope, so a body that takes a snapshot of the scopes (a
   * thread) does not copy them all again each time.
   */
  readonly results: Vars = createVars()
  redirect: Redirect | undefined
  /** Function calls in progress. */
  depth = 0
  /** HTML elements being written (0: top level, where each element ends a line). */
  outputDepth = 0
  /** The run's limits as operations on values check them (see {@link charge}). */
  readonly bounds: ValueBounds
  private outputSize = 0
  private logSize = 0
  private logCount = 0
  private steps = 0
  private unclocked = 0
  private readonly started = performance.now()
  /** The run's own document: the frame of all code but another component's. */
  private readonly document: DocumentFrame
  private lastYield = this.started

  private readonly caller: AbortSignal | undefined
  /** The caller's signal combined with the wall-time deadline, made the first time something waits. */
  private combined: AbortSignal | undefined
  private deadline: NodeJS.Timeout | undefined

  constructor(
    readonly services: RuntimeServices,
    readonly handlers: Partial<HandlerMap>,
    readonly limits: Limits,
    signal: AbortSignal | undefined,
    file: string | undefined,
    private readonly names: ReadonlyMap<string, Register<unknown>>,
  ) {
    this.document = { file, functions: new Map() }
    this.bounds = {
      maxLength: limits.maxValueLength,
      maxDepth: limits.maxValueDepth,
      charge: (units) => this.charge(units),
    }
    this.caller = signal
  }

  /**
   * The caller's signal combined with the run's wall-time deadline: what sleep, HTTP and queries wait on.
   * Statements look at the clock themselves, so the deadline's timer is only set once something waits
   * (most short bodies never do, and a timer and a combined signal per run cost more than they run).
   */
  get signal(): AbortSignal | undefined {
    if (this.limits.maxWallTimeMs <= 0) return this.caller
    if (!this.combined) {
      // Waiting runs no statements, so the wall time needs a timer of its own.
      const wall = new AbortController()
      const left = Math.max(0, this.limits.maxWallTimeMs - (performance.now() - this.started))
      this.deadline = setTimeout(() => wall.abort(WALL_TIME), left)
      this.deadline.unref()
      this.combined = this.caller ? AbortSignal.any([this.caller, wall.signal]) : wall.signal
    }
    return this.combined
  }

  /** The file of the document whose code is running (the run's own unless another component's function runs). */
  get file(): string | undefined {
    return this.frame().file
  }

  /** The functions the running code calls by name: its own document's. */
  get functions(): Map<string, FunctionNode> {
    return this.frame().functions
  }

  /** Run `code` (and everything it goes on to do) as code of another document: a component call. */
  inDocument<T>(frame: DocumentFrame, code: () => T): T {
    return frames.run({ run: this, frame }, code)
  }

  private frame(): DocumentFrame {
    const current = frames.getStore()
    return current?.run === this ? current.frame : this.document
  }

  /** Release the run's timer; call when the run is over. */
  dispose() {
    clearTimeout(this.deadline)
  }

  /**
   * Called before every statement: honours cancellation and the limits, and every `yieldEveryMs` of
   * synchronous work hands the event loop a turn (returns a promise), so timers and other bodies run.
   */
  step(site: Site): void | Promise<void> {
    if (this.caller?.aborted || this.combined?.aborted) throw this.aborted(site)
    if (++this.steps > this.limits.maxSteps) throw this.stepsExceeded(site)
    if ((this.steps & 15) !== 0) return undefined
    const now = performance.now()
    if (this.overTime(now)) throw this.wallTimeExceeded(site)
    this.checkHeap(site)
    if (now - this.lastYield < this.limits.yieldEveryMs) return undefined
    return new Promise((resolve) =>
      setImmediate(() => {
        this.lastYield = performance.now()
        resolve()
      }),
    )
  }

  /**
   * Count `units` of work done inside one statement (items compared, sorted, serialised) as steps,
   * and every few thousand look at the clock and the signal: a single statement over a huge
   * collection ends at the run's limits, not after it. The error has no position; the statement's
   * is added as it leaves the statement.
   */
  charge(units: number): void {
    this.steps += units
    if (this.steps > this.limits.maxSteps) throw this.stepsExceeded({})
    this.unclocked += units
    if (this.unclocked < CHARGES_PER_CLOCK) return
    this.unclocked = 0
    if (this.caller?.aborted || this.combined?.aborted) throw this.aborted({})
    if (this.overTime(performance.now())) throw this.wallTimeExceeded({})
  }

  /** Fail before building a string or array longer than the limit (memory, not just time, is bounded). */
  checkLength(length: number, site: Site) {
    if (length > this.limits.maxValueLength) {
      throw runtimeError(
        ErrorCodes.RUNTIME_LIMIT_EXCEEDED,
        `a value of ${length} items or characters exceeds the limit of ${this.limits.maxValueLength}`,
        this.at(site),
      )
    }
    if (length >= LARGE_ALLOCATION) this.checkHeap(site)
  }

  /** Stop the run while its isolate's heap is nearly full, before V8 runs out of memory (see heapGuard). */
  private checkHeap(site: Site) {
    const full = heapNearlyFull()
    if (full !== undefined) throw runtimeError(ErrorCodes.RUNTIME_LIMIT_EXCEEDED, full, this.at(site))
  }

  /**
   * A read-only name a tag publishes for every run (`thread`: the states of the run's threads; the
   * register the name stands for), or one of the run's {@link results}, or MISSING.
   */
  published(name: string): unknown | Missing {
    const key = this.names.get(name)
    if (key) return this.registers.get(key)
    return name in this.results ? this.results[name] : MISSING
  }

  /**
   * Record a log entry in the run (its most recent entries) and pass it to the host's logger. Entries
   * count against `maxLogEntries` and `maxLogCharacters` (message, context as JSON, correlation id):
   * an entry of a statement (`site`) past them fails the statement; one the runtime writes itself is
   * dropped.
   */
  log(entry: LogEntry, site?: Site) {
    const room = this.limits.maxLogCharacters - this.logSize
    let size = entry.message.length + (entry.correlationId?.length ?? 0)
    if (entry.context !== undefined && size <= room) {
      size += jsonLength(entry.context, { ...this.bounds, maxLength: room - size }) ?? room + 1
    }
    const over =
      this.logCount >= this.limits.maxLogEntries
        ? `run exceeded ${this.limits.maxLogEntries} log entries`
        : size > room
          ? `run exceeded ${this.limits.maxLogCharacters} characters of logs`
          : undefined
    if (over !== undefined) {
      if (!site) return
      throw runtimeError(ErrorCodes.RUNTIME_LIMIT_EXCEEDED, over, this.at(site))
    }
    this.logCount++
    this.logSize += size
    if (this.logs.length >= MAX_RUN_LOGS) this.logs.shift()
    this.logs.push(entry)
    this.services.logger?.log(entry)
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
    const reason = (this.combined ?? this.caller)?.reason
    if (reason === WALL_TIME) return this.wallTimeExceeded(site)
    const message = reason instanceof Error ? reason.message : reason ? String(reason) : 'run was cancelled'
    return runtimeError(ErrorCodes.RUNTIME_ABORTED, message, this.at(site), reason)
  }

  private overTime(now: number): boolean {
    return this.limits.maxWallTimeMs > 0 && now - this.started > this.limits.maxWallTimeMs
  }

  private stepsExceeded(site: Site) {
    return runtimeError(
      ErrorCodes.RUNTIME_LIMIT_EXCEEDED,
      `run exceeded ${this.limits.maxSteps} steps`,
      this.at(site),
    )
  }

  private wallTimeExceeded(site: Site) {
    return runtimeError(
      ErrorCodes.RUNTIME_LIMIT_EXCEEDED,
      `run exceeded its wall time of ${this.limits.maxWallTimeMs} ms`,
      this.at(site),
    )
  }

  at(site: Site): Site {
    return { position: site.position, file: site.file ?? this.file }
  }
}
