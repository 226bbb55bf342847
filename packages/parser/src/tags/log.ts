import { ErrorCodes, type LogLevel, type LogNode } from '@quantum/ast'
import { defineTag } from '../syntax/handler'
import { elementText } from '../syntax/text'

const LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warning', 'error', 'critical']

/** `<q:log [level] message|text [context] [when] [correlationId]>`. */
export const logTag = defineTag<LogNode>({
  tag: 'log',
  placement: 'statement',
  attributes: ['level', 'message', 'context', 'when', 'correlationId', 'correlation_id'],
  parse(element, ctx) {
    const a = ctx.attributes(element, this.attributes)
    const raw = a.get('level')
    const level = a.has('level') && raw ? levelOf(raw.value) : 'info'
    if (level === undefined && raw) {
      ctx.report(
        ErrorCodes.PARSE_INVALID_ENUM,
        `Invalid log level '${raw.value}'. Must be one of: ${LEVELS.join(', ')} (warn is accepted for warning)`,
        raw.position,
      )
    }
    const text = elementText(element, ctx)
    if (a.has('message') && text !== undefined) {
      ctx.report(
        ErrorCodes.PARSE_INVALID_STRUCTURE,
        '<q:log> has both a message attribute and text; keep one',
        element.position,
      )
    }
    const message = a.has('message') ? a.bindable('message') : text
    if (message === undefined) {
      if (!a.has('message') && !element.children.length) {
        ctx.report(
          ErrorCodes.PARSE_MISSING_ATTRIBUTE,
          "Log requires 'message' attribute or text content",
          element.position,
        )
      }
      return undefined
    }
    const node: LogNode = { type: 'log', level: level ?? 'info', message, position: element.position }
    const context = a.bindable('context')
    if (context !== undefined) node.context = context
    const when = a.bindable('when')
    if (when !== undefined) node.when = when
    const correlationId = a.bindable(a.pick('correlationId', 'correlation_id'))
    if (correlationId !== undefined) node.correlationId = correlationId
    return node
  },
})

function levelOf(value: string): LogLevel | undefined {
  const word = value.trim().toLowerCase()
  if (word === 'warn') return 'warning'
  return (LEVELS as readonly string[]).includes(word) ? (word as LogLevel) : undefined
}
