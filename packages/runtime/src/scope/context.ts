import { ErrorCodes, type ScopeName } from '@quantum/ast'
import { runtimeError } from '../run/errors'
import type { RunState, SharedScopes } from '../run/state'
import { isPlainObject } from '../values/compare'
import { createVars, MISSING, type Missing, type Vars } from '../values/missing'
import { release } from '../values/owned'

/** Why a context exists; functions start a new function scope, the others only nest. */
export type ContextKind =
  | 'root'
  | 'function'
  | 'schedule'
  | 'thread'
  | 'job'
  | 'action'
  | 'callback'
  | 'template'

const SCOPE_NAMES: readonly string[] = ['component', 'session', 'application', 'request']

/**
 * One lexical scope of a run. Names resolve through this scope, its parents,
 * then the component, session, application and request scopes. `q:if` and `q:loop` bodies share
 * their enclosing context (loop variables stay visible after the loop); functions, schedule fires,
 * job handlers and threads get their own.
 */
export class Context {
  readonly vars: Vars

  constructor(
    readonly run: RunState,
    readonly shared: SharedScopes,
    readonly parent: Context | undefined,
    readonly kind: ContextKind,
    vars?: Vars,
  ) {
    this.vars = vars ?? createVars()
  }

  /** A context nested in this one. */
  child(kind: ContextKind, vars?: Vars): Context {
    return new Context(this.run, this.shared, this, kind, vars)
  }

  /** The value of a name, or MISSING; handed out, so it is no longer a collection only its variable holds. */
  lookup(name: string): unknown | Missing {
    return release(this.peek(name))
  }

  /** The value of a name, or MISSING, for a reader that keeps no reference to it (`list.length`). */
  peek(name: string): unknown | Missing {
    for (let scope: Context | undefined = this; scope; scope = scope.parent) {
      if (name in scope.vars) return scope.vars[name]
    }
    const { shared } = this
    if (name in shared.component) return shared.component[name]
    if (SCOPE_NAMES.includes(name)) return shared[name as keyof SharedScopes]
    const published = this.run.published(name)
    if (published !== MISSING) return published
    if (name in shared.session) return shared.session[name]
    if (name in shared.application) return shared.application[name]
    if (name in shared.request) return shared.request[name]
    return MISSING
  }

  /**
   * Assign (`q:set` without an update operation): here, or in the scope named by `scope` or a prefix.
   * `order.status` sets a property of the `order` the name reaches, wherever that object lives.
   */
  assign(name: string, value: unknown, scope?: ScopeName) {
    if (!scope && name.includes('.') && !prefixed(name)) {
      const owner = this.owner(name.slice(0, name.indexOf('.')))
      if (owner && isPlainObject(owner[name.slice(0, name.indexOf('.'))])) return setPath(owner, name, value)
    }
    const [target, key] = this.target(name, scope)
    setPath(target, key, value)
  }

  /** The variables of the nearest context (not a shared scope) that holds `name`, if any. */
  holder(name: string): Vars | undefined {
    for (let scope: Context | undefined = this; scope; scope = scope.parent) {
      if (name in scope.vars) return scope.vars
    }
    return undefined
  }

  /** The scope that holds `name`, if any. */
  private owner(name: string): Vars | undefined {
    const local = this.holder(name)
    if (local) return local
    for (const map of [
      this.shared.component,
      this.shared.session,
      this.shared.application,
      this.shared.request,
    ]) {
      if (name in map) return map
    }
    return undefined
  }

  /** Update a variable where it lives (increment, append…), or here when it lives nowhere. */
  update(name: string, value: unknown, scope?: ScopeName) {
    if (scope || prefixed(name)) {
      this.assign(name, value, scope)
      return
    }
    setPath(this.owner(name.split('.')[0] as string) ?? this.vars, name, value)
  }

  /** The nearest function scope, or the root context's. */
  functionScope(): Vars {
    for (let scope: Context | undefined = this; scope; scope = scope.parent) {
      if (scope.kind === 'function' || !scope.parent) return scope.vars
    }
    return this.vars
  }

  /**
   * What `byScope` holds for this context or the nearest one it is nested in: how a tag finds the
   * state it keeps for the body it runs (a batch's collector from a `q:param` in a loop inside it).
   */
  nearest<T>(byScope: ReadonlyMap<Context, T>): T | undefined {
    for (let scope: Context | undefined = this; scope; scope = scope.parent) {
      const value = byScope.get(scope)
      if (value !== undefined) return value
    }
    return undefined
  }

  /** The context with no parent: the component body's. */
  root(): Context {
    let scope: Context = this
    while (scope.parent) scope = scope.parent
    return scope
  }

  private target(name: string, scope?: ScopeName): [Vars, string] {
    const dot = name.indexOf('.')
    if (dot > 0) {
      const head = name.slice(0, dot)
      if (SCOPE_NAMES.includes(head)) return [this.shared[head as keyof SharedScopes], name.slice(dot + 1)]
    }
    switch (scope) {
      case 'component':
      case 'session':
      case 'application':
      case 'request':
        return [this.shared[scope], name]
      case 'function':
        return [this.functionScope(), name]
      default:
        return [this.vars, name]
    }
  }
}

function prefixed(name: string): boolean {
  const dot = name.indexOf('.')
  return dot > 0 && SCOPE_NAMES.includes(name.slice(0, dot))
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Set `a.b.c` inside `vars`, creating plain objects on the way. The error has no position: the
 * statement that assigns gives it its own.
 */
function setPath(vars: Vars, path: string, value: unknown) {
  for (const key of path.split('.')) {
    if (FORBIDDEN.has(key))
      throw runtimeError(ErrorCodes.RUNTIME_INVALID_NAME, `variable name "${path}" is not allowed`, {})
  }
  if (!path.includes('.')) {
    vars[path] = value
    return
  }
  const keys = path.split('.')
  let target: Record<string, unknown> = vars
  for (const key of keys.slice(0, -1)) {
    const next = Object.hasOwn(target, key) ? target[key] : undefined
    if (!isPlainObject(next)) target[key] = createVars()
    target = target[key] as Record<string, unknown>
  }
  target[keys[keys.length - 1] as string] = value
}
