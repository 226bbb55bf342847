import { isPlainObject } from '../values/compare'
import { malformed, type SourcePoint } from './errors'

/**
 * The records of a JSON document: an array as it is, an object as the one record (as upstream). A
 * syntax error is placed at its line and column when the JSON parser says where it stopped.
 *
 * @throws RuntimeError `RUNTIME_DATA_FORMAT`
 */
export function jsonRecords(text: string, label: string): unknown[] {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const reason = (error as Error).message
    throw malformed('JSON', label, pointAt(text, reason), reason.replace(/ in JSON at position \d+.*$/, ''))
  }
  if (Array.isArray(value)) return value
  if (isPlainObject(value)) return [value]
  throw malformed('JSON', label, {}, 'it holds neither an array of records nor an object')
}

/** The line and column of the `position N` V8 names in a JSON syntax error, if it names one. */
function pointAt(text: string, reason: string): SourcePoint {
  const match = / at position (\d+)/.exec(reason)
  if (!match) return {}
  const offset = Math.min(Number(match[1]), text.length)
  const before = text.slice(0, offset)
  const lineStart = before.lastIndexOf('\n') + 1
  let line = 1
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line++
  return { line, column: offset - lineStart + 1 }
}
