import {
  type Bindable,
  ErrorCodes,
  type ParamNode,
  type QuantumErrorOptions,
  RuntimeError,
} from '@quantum/ast'
import { andThen, mapSequential } from '../maybe'
import { convertValue } from './convert'
import { createVars } from './missing'

/** Parameter values by name, as {@link bindParameters} returns them. */
export type BoundParameters = Record<string, unknown>

/** How {@link bindParameters} evaluates defaults, converts values and locates its errors. */
export interface BindParametersOptions {
  /**
   * The value of a parameter's `default`, given the parameters bound before it; may return a
   * promise. The interpreter passes one that binds the default (`default="{expr}"`) in the run's
   * scope. Without it a literal default is used as written, and a databound one fails.
   */
  resolveDefault?: (param: ParamNode, bound: Readonly<BoundParameters>) => unknown
  /**
   * Without `resolveDefault`: a parameter that needs its databound default is left out of the result
   * and handed here instead, to be bound where an interpreter is (a queue defers it to the job's body,
   * `BodyRunOptions.defaults`).
   */
  defer?: (param: ParamNode) => void
  /**
   * Replaces the conversion to the declared type (a SQL driver layer). It receives every value, null
   * for a missing one. By default a value is converted by {@link convertValue} and null stays null.
   */
  convert?: (value: unknown, param: ParamNode) => unknown
  /** The document the parameters come from, for error locations. */
  file?: string
}

/** Types that have an empty value: for every other type an empty string means no value was given. */
const EMPTY_IS_A_VALUE = new Set<string | undefined>([undefined, 'string', 'any'])

/**
 * Whether a parameter's value counts as not given: undefined, null, or an empty string for a type
 * that has no empty value (`integer`, `boolean`, `date`…).
 */
export function isMissing(value: unknown, type: string | undefined): boolean {
  return value === undefined || value === null || (value === '' && !EMPTY_IS_A_VALUE.has(type))
}

/**
 * Bind declared parameters (the `q:param`s of a component, action, function, job or query) from the
 * given values, one rule for all: a missing value (see {@link isMissing})
 * takes the `default`; a `required` parameter still missing fails; an optional one is null;
 * a value is converted to the declared `type`. Needs no interpreter: a queue can validate job params
 * with the definition's `ParamNode`s.
 *
 * @param specs The declarations, bound in order.
 * @param given Values by name. Names not declared are left out of the result.
 * @returns Every declared parameter's value; a promise only when `resolveDefault` returned one.
 * @throws RuntimeError `RUNTIME_PARAM` at the `q:param`: `Missing required parameter '<name>'`, or
 *   `Parameter '<name>' must be <type>` (the converter's reason in `details.reason`).
 */
export function bindParameters(
  specs: readonly ParamNode[],
  given: Readonly<Record<string, unknown>>,
  options: BindParametersOptions = {},
): BoundParameters | Promise<BoundParameters> {
  const bound = createVars()
  const convert = options.convert ?? ((value, param) => toDeclaredType(value, param, options.file))
  const steps = mapSequential(specs, (param) => {
    const value = Object.hasOwn(given, param.name) ? given[param.name] : undefined
    const databound = typeof param.default === 'object'
    if (databound && options.defer && !options.resolveDefault && isMissing(value, param.datatype)) {
      options.defer(param)
      return undefined
    }
    const chosen =
      isMissing(value, param.datatype) && param.default !== undefined
        ? defaultOf(param, param.default, bound, options)
        : value
    return andThen(chosen, (resolved) => {
      const missing = isMissing(resolved, param.datatype)
      if (missing && param.required) {
        throw paramError(param, `Missing required parameter '${param.name}'`, options.file, {
          parameter: param.name,
        })
      }
      bound[param.name] = convert(missing ? null : resolved, param)
    })
  })
  return andThen(steps, () => bound)
}

function defaultOf(
  param: ParamNode,
  fallback: Bindable,
  bound: BoundParameters,
  options: BindParametersOptions,
): unknown {
  if (options.resolveDefault) return options.resolveDefault(param, bound)
  if (typeof fallback === 'string') return fallback
  const source = fallback.parts.map((part) => (typeof part === 'string' ? part : `{${part.source}}`)).join('')
  throw paramError(
    param,
    `Parameter '${param.name}' has a databound default (${source}) and no resolveDefault was given`,
    options.file,
    { parameter: param.name },
  )
}

function toDeclaredType(value: unknown, param: ParamNode, file: string | undefined): unknown {
  if (value === null || param.datatype === undefined) return value
  const result = convertValue(value, param.datatype)
  if (result.ok) return result.value
  throw paramError(param, `Parameter '${param.name}' must be ${param.datatype}`, file, {
    parameter: param.name,
    type: param.datatype,
    reason: result.message,
  })
}

function paramError(
  param: ParamNode,
  message: string,
  file: string | undefined,
  details: Record<string, unknown>,
): RuntimeError {
  const options: QuantumErrorOptions = { details }
  if (param.position) options.position = param.position
  if (file !== undefined) options.file = file
  return new RuntimeError(ErrorCodes.RUNTIME_PARAM, message, options)
}
