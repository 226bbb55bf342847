import {
  type Bindable,
  BOOLEAN_WORDS,
  type Dynamic,
  type ErrorCode,
  ErrorCodes,
  type Expression,
  parseBooleanWord,
  type Template,
} from '@quantum/ast'
import { checkTimeValue, type TimeValueKind, type TimeValues } from '@quantum/time'
import { parseCondition, parseTemplate } from '../expression/index'
import type { XAttribute, XElement } from '../xml/tree'
import type { SyntaxApi } from './api'
import { variableNameProblem } from './names'

const PAIRS = BOOLEAN_WORDS.map((pair) => pair.join('/'))
const BOOLEAN_CHOICES = `${PAIRS.slice(0, -1).join(', ')} or ${PAIRS.at(-1)}`

/** `Schedule`, `Thread`… as upstream names tags in its messages. */
export function tagTitle(element: XElement): string {
  const local = element.local
  return local.charAt(0).toUpperCase() + local.slice(1)
}

/**
 * Reads and validates the attributes of one element. Every reader reports its own problems at the
 * attribute's position and returns `undefined` (or the default) so parsing can go on.
 */
export class AttributeReader {
  private broken: string[] | undefined

  constructor(
    readonly element: XElement,
    private readonly ctx: SyntaxApi,
    allowed: readonly string[],
  ) {
    for (const attribute of element.attributes) {
      if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) continue
      if (!allowed.includes(attribute.name)) {
        const supported = allowed.length ? allowed.map((name) => `"${name}"`).join(', ') : 'none'
        ctx.report(
          ErrorCodes.PARSE_UNKNOWN_ATTRIBUTE,
          `unknown attribute "${attribute.name}" on <${element.name}>; supported attributes are: ${supported}`,
          attribute.position,
        )
      }
    }
  }

  has(name: string): boolean {
    return this.get(name) !== undefined
  }

  /** False once a problem with this attribute was reported (so dependent checks stay quiet). */
  valid(name: string): boolean {
    return !this.broken?.includes(name)
  }

  /** The first of several spellings that is present (`on-complete`, `onComplete`). */
  pick(...names: string[]): string {
    return names.find((name) => this.has(name)) ?? (names[0] as string)
  }

  get(name: string): XAttribute | undefined {
    // Elements have a handful of attributes: a scan beats building a map for each one.
    for (const attribute of this.element.attributes) if (attribute.name === name) return attribute
    return undefined
  }

  /** Report that a required attribute is missing, upstream style: `Schedule requires 'name' attribute`. */
  missing(name: string) {
    this.ctx.report(
      ErrorCodes.PARSE_MISSING_ATTRIBUTE,
      `${tagTitle(this.element)} requires '${name}' attribute`,
      this.element.position,
    )
  }

  /** A static string (no databinding). */
  string(name: string, options: { required?: boolean } = {}): string | undefined {
    const attribute = this.get(name)
    if (!attribute) {
      if (options.required) this.missing(name)
      return undefined
    }
    if (options.required && attribute.value.trim() === '') {
      this.invalid(attribute, `${tagTitle(this.element)} '${name}' must not be empty`)
      return undefined
    }
    return attribute.value
  }

  /**
   * A static name that becomes a variable (`q:set name`, `q:loop var`): identifiers joined by dots, or
   * one identifier when `dotted` is false (parameters, functions). Reports `PARSE_INVALID_NAME`.
   */
  variable(name: string, options: { required?: boolean; dotted?: boolean } = {}): string | undefined {
    const value = this.string(name, options)
    const attribute = this.get(name)
    if (value === undefined || !attribute) return undefined
    const problem = variableNameProblem(value, options.dotted ?? true)
    if (problem === undefined) return value
    this.report(ErrorCodes.PARSE_INVALID_NAME, attribute, `${tagTitle(this.element)} ${name} ${problem}`)
    return undefined
  }

  /** A databound value: plain string, or a template with `{expr}` parts. */
  bindable(name: string, options: { required?: boolean } = {}): Bindable | undefined {
    const attribute = this.get(name)
    if (!attribute) {
      if (options.required) this.missing(name)
      return undefined
    }
    try {
      return parseTemplate(attribute.value, attribute.locator)
    } catch (error) {
      this.ctx.reportError(error)
      return undefined
    }
  }

  /** A condition: one expression, braces around the whole or around parts. */
  condition(name: string, options: { required?: boolean } = {}): Expression | undefined {
    const attribute = this.get(name)
    if (!attribute) {
      if (options.required) this.missing(name)
      return undefined
    }
    try {
      return parseCondition(attribute.value, attribute.locator)
    } catch (error) {
      this.ctx.reportError(error)
      return undefined
    }
  }

  /** One of a fixed set of words; `aliases` maps other spellings onto them (`warn` → `warning`). */
  enumeration<T extends string>(
    name: string,
    values: readonly T[],
    fallback: T,
    options: { aliases?: Record<string, T>; label?: string; caseInsensitive?: boolean } = {},
  ): T {
    const attribute = this.get(name)
    if (!attribute) return fallback
    const raw = attribute.value.trim()
    const word = options.caseInsensitive ? raw.toLowerCase() : raw
    const value = options.aliases?.[word] ?? word
    if ((values as readonly string[]).includes(value)) return value as T
    const label = options.label ?? `${this.element.local} ${name}`
    this.report(
      ErrorCodes.PARSE_INVALID_ENUM,
      attribute,
      `Invalid ${label}: ${raw}. Must be ${listWords(values)}`,
    )
    return fallback
  }

  /** An integer, optionally bounded. */
  integer(name: string, options: { min?: number; max?: number; message?: string } = {}): number | undefined {
    const attribute = this.get(name)
    if (!attribute) return undefined
    const text = attribute.value.trim()
    const value = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN
    if (Number.isNaN(value)) {
      this.invalid(attribute, `${tagTitle(this.element)} ${name} must be an integer: ${text}`)
      return undefined
    }
    if (
      (options.min !== undefined && value < options.min) ||
      (options.max !== undefined && value > options.max)
    ) {
      this.invalid(attribute, options.message ?? `${tagTitle(this.element)} ${name} is out of range: ${text}`)
      return undefined
    }
    return value
  }

  /** A boolean written as one of the `BOOLEAN_WORDS` (`true/false`, `yes/no`, `on/off`, `1/0`), any case. */
  boolean(name: string, fallback: boolean): boolean {
    const attribute = this.get(name)
    if (!attribute) return fallback
    const value = parseBooleanWord(attribute.value)
    if (value !== undefined) return value
    this.invalid(
      attribute,
      `${tagTitle(this.element)} ${name} must be ${BOOLEAN_CHOICES}: ${attribute.value}`,
    )
    return fallback
  }

  /** A duration in milliseconds, or a template when the value is databound. */
  duration(name: string, options: { required?: boolean } = {}): Dynamic<number> | undefined {
    return this.checked(name, 'duration', options)
  }

  /** A schedule's interval in milliseconds (at least `MIN_INTERVAL_MS`), or a template when databound. */
  interval(name: string): Dynamic<number> | undefined {
    return this.checked(name, 'interval', {})
  }

  /** A cron expression, checked now unless databound. */
  cron(name: string): Dynamic<string> | undefined {
    return this.checked(name, 'cron', {})
  }

  /** An ISO 8601 date-time, checked now unless databound. */
  datetime(name: string): Dynamic<string> | undefined {
    return this.checked(name, 'datetime', {})
  }

  /** An IANA timezone, checked now unless databound. */
  timezone(name: string, fallback: string): Dynamic<string> {
    return this.checked(name, 'timezone', {}) ?? fallback
  }

  /**
   * A time value checked now with `@quantum/time`, or a template when databound: the runtime checks
   * it with the same `checkTimeValue` once the run binds it, so both report the same code and message.
   */
  private checked<K extends TimeValueKind>(
    name: string,
    kind: K,
    options: { required?: boolean },
  ): Dynamic<TimeValues[K]> | undefined {
    const attribute = this.get(name)
    if (!attribute) {
      if (options.required) this.missing(name)
      return undefined
    }
    const dynamic = this.dynamic(attribute)
    if (dynamic === null) return undefined
    if (dynamic !== undefined) return dynamic
    const result = checkTimeValue(kind, attribute.value)
    if (result.ok) return result.value
    this.report(result.code, attribute, result.message)
    return undefined
  }

  /** Report a bad value for an attribute of this element. */
  invalid(attribute: XAttribute, message: string) {
    this.report(ErrorCodes.PARSE_INVALID_VALUE, attribute, message)
  }

  private report(code: ErrorCode, attribute: XAttribute, message: string) {
    this.broken ??= []
    this.broken.push(attribute.name)
    this.ctx.report(code, message, attribute.position)
  }

  /** A template when the value is databound, `null` when its expression is broken (already reported). */
  private dynamic(attribute: XAttribute): Template | null | undefined {
    if (!attribute.value.includes('{')) return undefined
    try {
      const bound = parseTemplate(attribute.value, attribute.locator)
      return typeof bound === 'string' ? undefined : bound
    } catch (error) {
      this.ctx.reportError(error)
      return null
    }
  }
}

/** `a, b, or c`. */
export function listWords(values: readonly string[]): string {
  if (values.length <= 2) return values.join(' or ')
  return `${values.slice(0, -1).join(', ')}, or ${values[values.length - 1]}`
}
