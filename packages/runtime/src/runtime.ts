import {
  type ActionNode,
  type ComponentNode,
  type Document,
  ErrorCodes,
  type ParamNode,
  QuantumError,
  type Statement,
  scheduleEntry,
} from '@quantum/ast'
import { all, type ExecutionHandler, type Flow, type HandlerMap } from './execute'
import { callFunction } from './expression/calls'
import type { PortableBody } from './jobs/types'
import { andThen, isPromise, type MaybePromise } from './maybe'
import { locate, runtimeError } from './run/errors'
import { DEFAULT_LIMITS, type Limits } from './run/limits'
import { RunState, type SharedScopes } from './run/state'
import type { RunOptions, RunResult, RuntimeOptions, RuntimeServices } from './runtimeTypes'
import { bindInScope } from './scope/bindInScope'
import { Context, type ContextKind } from './scope/context'
import { builtinHandlers, builtinNames } from './tags/index'
import { threadsOf } from './tags/thread'
import type { ValueBounds } from './values/bounds'
import { createVars, LENIENT_SCOPES, type Vars } from './values/missing'
import { revive } from './values/portable'
import { jsonLength, toJson } from './values/render'

/** What running a portable body (a thread, a schedule fire, a job attempt) needs besides the body. */
export interface BodyRunOptions {
  /**
   * What the body is. A `schedule` body's snapshot is its component scope: what it writes there (or to
   * a variable of the snapshot) comes back as {@link BodyRunResult.component}, the state its next fire
   * starts from.
   */
  kind?: ContextKind
  /** Extra variables for the body's scope (job params), on top of the snapshot. */
  vars?: Record<string, unknown>
  /**
   * Declared parameters still to bind in the body's scope: those with a databound default (`default="{…}"`)
   * no value was given for. Each default is evaluated there (the snapshot, `vars` and the parameters
   * before it visible) and converted to its `type`, as a component's would be.
   */
  defaults?: readonly ParamNode[]
  signal?: AbortSignal
}

/** How a portable body ended. */
export interface BodyRunResult extends Omit<RunResult, 'component'> {
  /** A `schedule` body's component scope at the end (JSON-safe copy); absent for other kinds. */
  component?: Record<string, unknown>
}

/** The interpreter, with the services its tags use. One per process is enough; runs do not share state. */
export interface Runtime {
  readonly services: RuntimeServices
  /** Run a document's component (then `options.action`). Rejects with a coded `QuantumError`. */
  run(document: Document, options?: RunOptions): Promise<RunResult>
  /** Run a body that crossed a thread, the store or Redis, in a fresh scope built from its snapshot. */
  runBody(body: PortableBody, options?: BodyRunOptions): Promise<BodyRunResult>
  /** Add or replace the handler of a node type (a plugin tag's nodes, or a built-in's). */
  register(type: string, handler: ExecutionHandler<never>): void
}

/** Create a runtime over `services` (each optional: a tag whose service is missing fails clearly). */
export function createRuntime(services: RuntimeServices = {}, options: RuntimeOptions = {}): Runtime {
  const handlers: Record<string, unknown> = { ...builtinHandlers }
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits }
  const application = lenient(createVars())

  const start = (
    file: string | undefined,
    signal: AbortSignal | undefined,
    session?: Record<string, unknown>,
  ) => {
    const run = new RunState(services, handlers as Partial<HandlerMap>, limits, signal, file, builtinNames)
    const shared: SharedScopes = {
      component: createVars(),
      session: lenient(createVars(session)),
      application,
      request: lenient(createVars()),
    }
    return { run, shared }
  }

  return {
    services,
    register(type, handler) {
      handlers[type] = handler
    },

    async run(document, runOptions = {}) {
      const component = document.component
      const { run, shared } = start(document.file, runOptions.signal, runOptions.session)
      try {
        const root = new Context(run, shared, undefined, 'root')
        for (const fn of component.functions) run.functions.set(fn.name, fn)
        const params = runOptions.params ?? {}
        await settle(bindInScope(component.params, params, root))
        for (const [name, value] of Object.entries(params)) if (!(name in root.vars)) root.vars[name] = value
        let flow = await settle(all(component.body, root))
        let last = root
        if (runOptions.action !== undefined) {
          last = actionScope(component, runOptions.action, params, root)
          const action = component.actions.find(
            (candidate) => candidate.name === runOptions.action,
          ) as ActionNode
          const actionFlow = await settle(
            andThen(bindInScope(action.params, params, last), () => all(action.body, last)),
          )
          if (actionFlow?.kind === 'return') flow = actionFlow
        }
        if (runOptions.session) Object.assign(runOptions.session, shared.session)
        const result = finish(run, last, flow)
        return run.redirect
          ? { component: component.name, ...result, redirect: run.redirect }
          : { component: component.name, ...result }
      } finally {
        run.dispose()
      }
    },

    async runBody(portable, bodyOptions = {}) {
      const session = portable.session ? (revive(portable.session) as Record<string, unknown>) : undefined
      const { run, shared } = start(portable.file, bodyOptions.signal, session)
      try {
        const snapshot = revive(portable.snapshot) as Record<string, unknown>
        const asComponent = bodyOptions.kind === 'schedule'
        if (asComponent) Object.assign(shared.component, snapshot)
        const root = new Context(
          run,
          shared,
          undefined,
          'root',
          asComponent ? undefined : createVars(snapshot),
        )
        for (const fn of portable.functions) run.functions.set(fn.name, fn)
        const scope = bodyOptions.vars
          ? root.child(
              bodyOptions.kind ?? 'job',
              createVars(revive(bodyOptions.vars) as Record<string, unknown>),
            )
          : root
        if (bodyOptions.defaults?.length) await settle(bindInScope(bodyOptions.defaults, {}, scope))
        const flow = await settle(asComponent ? fire(portable.body, scope) : all(portable.body, scope))
        const result: BodyRunResult = finish(run, scope, flow)
        if (asComponent) result.component = componentOf(run, shared)
        return run.redirect ? { ...result, redirect: run.redirect } : result
      } finally {
        run.dispose()
      }
    },
  }
}

/** One schedule fire: its statements, or the entry function of a functions-only body (`scheduleEntry`). */
function fire(body: Statement[], scope: Context): MaybePromise<Flow> {
  const entry = scheduleEntry(body)
  if (entry.kind !== 'function') return all(body, scope)
  for (const statement of body)
    if (statement.type === 'function') scope.run.functions.set(statement.name, statement)
  const called = entry.function
  return andThen(callFunction(called, {}, scope, called), (value) =>
    value === null ? undefined : { kind: 'return' as const, value, site: scope.run.at(called) },
  )
}

function lenient(vars: Vars): Vars {
  LENIENT_SCOPES.add(vars)
  return vars
}

async function settle<T>(value: MaybePromise<T>): Promise<T> {
  return isPromise(value) ? await value : value
}

function finish(run: RunState, scope: Context, flow: Flow) {
  const result = flow?.kind === 'return' ? flow.value : undefined
  // The result leaves the run (printed, stored with a job): it must have a JSON form within the limits.
  const bounds = { maxLength: run.limits.maxValueLength, maxDepth: run.limits.maxValueDepth }
  const site = (flow?.kind === 'return' && flow.site) || run.at({})
  let length: number | undefined
  try {
    length = result === undefined ? 0 : jsonLength(result, run.bounds)
  } catch (error) {
    throw locate(error, site)
  }
  if (length === undefined) {
    throw runtimeError(
      ErrorCodes.RUNTIME_LIMIT_EXCEEDED,
      `the returned value is longer than ${bounds.maxLength} characters as JSON`,
      site,
    )
  }
  return {
    result,
    output: run.output.join(''),
    logs: run.logs,
    variables: variablesOf(scope, bounds),
    threads: threadsOf(run),
  }
}

/** A JSON-safe copy of the component scope, within the run's value bounds (it is stored as state). */
function componentOf(run: RunState, shared: SharedScopes): Record<string, unknown> {
  const bounds = { maxLength: run.limits.maxValueLength, maxDepth: run.limits.maxValueDepth }
  return JSON.parse(toJson({ ...shared.component }, undefined, bounds)) as Record<string, unknown>
}

/**
 * A JSON-safe copy of the variables a run ended with, `bounds.maxLength` characters of JSON in all. A
 * variable that cannot be shown within what is left (too long, too deeply nested) shows why instead:
 * the run has succeeded, and its report must not fail or grow without bound.
 */
function variablesOf(scope: Context, bounds: ValueBounds): Record<string, unknown> {
  const all: Record<string, unknown> = { ...scope.shared.component, ...scope.root().vars, ...scope.vars }
  const variables: Record<string, unknown> = {}
  let room = bounds.maxLength
  for (const [name, value] of Object.entries(all)) {
    if (value === undefined || typeof value === 'function') continue
    const left = { ...bounds, maxLength: room }
    let length: number | undefined
    try {
      length = jsonLength(value, left)
    } catch (error) {
      if (!QuantumError.is(error)) throw error
      variables[name] = `[not shown: ${error.message}]`
      continue
    }
    if (length === undefined) {
      variables[name] = `[not shown: longer than the ${room} characters of JSON left for variables]`
      continue
    }
    room -= length
    variables[name] = JSON.parse(toJson(value, undefined, left))
  }
  return variables
}

/** The scope an action runs in: its form fields as `form`, nested in the component's. */
function actionScope(
  component: ComponentNode,
  name: string,
  given: Record<string, unknown>,
  root: Context,
): Context {
  const action = component.actions.find((candidate) => candidate.name === name)
  if (!action) {
    const known = component.actions.map((candidate) => candidate.name)
    throw runtimeError(
      ErrorCodes.RUNTIME_NOT_FOUND,
      `Action '${name}' not found in '${component.name}'${known.length ? `; actions are: ${known.join(', ')}` : ''}`,
      root.run.at({}),
    )
  }
  return root.child('action', createVars({ form: lenient(createVars(given)) }))
}
