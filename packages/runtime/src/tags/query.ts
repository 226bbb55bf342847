import { ErrorCodes, type ParamNode, QuantumError, type QueryNode, RuntimeError } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { durationMs } from '../expression/duration'
import { resolve } from '../expression/evaluate'
import { bindValue, loneInterpolation } from '../expression/template'
import { andThen, isPromise, sequence } from '../maybe'
import { runtimeError, type Site } from '../run/errors'
import { need } from '../run/need'
import { asRunStop } from '../run/stopped'
import { scopeBinding } from '../scope/bindInScope'
import type { Context } from '../scope/context'
import { placeholderNames } from '../services/sql/bind'
import { convertParameter, type ParameterSpec } from '../services/sql/params'
import type { QueryResult } from '../services/types'
import { bindParameters } from '../values/bindParameters'
import { MISSING } from '../values/missing'

/**
 * `<q:query>`: every `:name` is bound from its `q:param` (converted to the declared type) or, without
 * one, from the variable of the same name. The result is the row array with `recordCount`,
 * `columnList`, `affectedRows`, `lastInsertId`/`insertId`, `executionTime`.
 */
export const query: ExecutionHandler<QueryNode> = (node, ctx) => {
  const datasources = need(ctx, 'datasources', 'query', node)
  const names = placeholderNames(node.sql)
  const values = names.map((name) => () => placeholderValue(node, name, ctx))
  return andThen(sequence(values), (bound) =>
    andThen(node.timeout === undefined ? undefined : durationMs(node.timeout, ctx, node), (timeoutMs) => {
      const params: Record<string, unknown> = {}
      names.forEach((name, i) => {
        params[name] = bound[i]
      })
      const { maxQueryRows, maxValueLength } = ctx.run.limits
      const request = {
        datasource: node.datasource,
        sql: node.sql,
        params,
        maxQueryRows,
        maxValueLength,
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      }
      if (ctx.run.signal) Object.assign(request, { signal: ctx.run.signal })
      if (node.maxRows !== undefined) Object.assign(request, { maxRows: node.maxRows })
      const file = ctx.run.at(node).file
      if (file !== undefined) Object.assign(request, { file })
      return datasources.query(request).then(
        (result) => {
          store(node, result, ctx)
          return undefined
        },
        (error: unknown) => {
          throw asRunStop(error, ctx, node)
        },
      )
    }),
  )
}

function placeholderValue(node: QueryNode, name: string, ctx: Context) {
  const label = node.name ? `Query '${node.name}'` : 'Query'
  const param = node.params.find((candidate) => candidate.name === name)
  if (param)
    return andThen(paramValue(node, param, label, ctx), (value) => bind(node, param, value, label, ctx))
  const value = ctx.lookup(name)
  if (value === MISSING) {
    throw runtimeError(
      ErrorCodes.RUNTIME_NOT_FOUND,
      `${label}: no value for :${name}; add <q:param name="${name}" value="…"/> or set a variable '${name}'`,
      ctx.run.at(node),
    )
  }
  return value
}

/**
 * A `q:param` value. A lone `{expr}` naming nothing is null for a `null="true"` param and an error
 * otherwise: binding its `{text}` (what interpolation keeps for an unknown name) would store the
 * placeholder itself in the database.
 */
function paramValue(node: QueryNode, param: ParamNode, label: string, ctx: Context) {
  if (param.value === undefined) return null
  const only = loneInterpolation(param.value)
  if (!only) return bindValue(param.value, ctx)
  return andThen(resolve(only.expression, ctx), (value) => {
    if (value !== MISSING) return value
    if (param.nullable) return null
    throw runtimeError(
      ErrorCodes.RUNTIME_NOT_FOUND,
      `${label}: the value of q:param '${param.name}', {${only.source}}, is not defined`,
      ctx.run.at(param.position ? param : node),
    )
  })
}

/**
 * The param bound like every `q:param` (a missing value takes its `default`, `required` is checked)
 * and converted for SQL. A failure names the query (`Query 'q': Parameter 'id' validation failed…`).
 */
function bind(node: QueryNode, param: ParamNode, value: unknown, label: string, ctx: Context) {
  const options = {
    ...scopeBinding(ctx),
    convert: (given: unknown) => convertParameter(given, sqlSpec(param)),
  }
  const fail = (error: unknown): never => {
    throw inQuery(error, label, ctx.run.at(param.position ? param : node))
  }
  try {
    const bound = bindParameters([param], { [param.name]: value }, options)
    return isPromise(bound) ? bound.then((values) => values[param.name], fail) : bound[param.name]
  } catch (error) {
    return fail(error)
  }
}

/** A parameter error again, its message prefixed with the query's label. */
function inQuery(error: unknown, label: string, site: Site): unknown {
  if (!QuantumError.is(error) || error.code !== ErrorCodes.RUNTIME_PARAM) return error
  const position = error.position ?? site.position
  const options: ConstructorParameters<typeof RuntimeError>[2] = { cause: error }
  if (position) options.position = position
  if (site.file !== undefined) options.file = site.file
  if (error.details) options.details = error.details
  return new RuntimeError(error.code, `${label}: ${error.message}`, options)
}

function sqlSpec(param: ParamNode): ParameterSpec {
  const spec: ParameterSpec = { name: param.name }
  if (param.datatype) spec.datatype = param.datatype
  if (param.nullable !== undefined) spec.nullable = param.nullable
  if (param.maxLength !== undefined) spec.maxLength = param.maxLength
  if (param.scale !== undefined) spec.scale = param.scale
  return spec
}

function store(node: QueryNode, result: QueryResult, ctx: Context) {
  const rows = [...result.rows]
  const isSelect = result.columns.length > 0
  const recordCount = isSelect ? rows.length : result.affectedRows
  const properties = {
    recordCount,
    columnList: result.columns.join(','),
    affectedRows: result.affectedRows,
    lastInsertId: result.lastInsertId,
    insertId: result.lastInsertId,
    executionTime: result.executionTime,
    success: true,
  }
  for (const [key, value] of Object.entries(properties)) {
    Object.defineProperty(rows, key, { value, enumerable: false, writable: true, configurable: true })
  }
  const meta = { ...properties, data: rows, sql: null }
  if (node.name) {
    ctx.assign(node.name, rows)
    ctx.assign(`${node.name}_result`, meta)
  }
  if (node.result) ctx.assign(node.result, meta)
}
