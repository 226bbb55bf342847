import type { Position } from '@quantum/ast'
import { palette } from './color'

/** Options of {@link codeFrame}. */
export interface CodeFrameOptions {
  /** Lines shown before and after the first line of the position. @defaultValue 1 */
  contextLines?: number
  /** Style the marker, gutter and carets with ANSI colours. @defaultValue false */
  color?: boolean
}

/**
 * A liquidjs-style excerpt of `source` around `position`: the first line of the position marked `>>`,
 * `contextLines` lines either side, and carets under the span (on its first line, at least one).
 *
 * ```text
 *    2|   <q:set name="x" value="1"/>
 * >> 3|   <q:foo/>
 *     |   ^^^^^^^^
 *    4| </q:component>
 * ```
 *
 * Returns `''` when the position's line is not in `source`. No trailing newline.
 */
export function codeFrame(source: string, position: Position, options: CodeFrameOptions = {}): string {
  const { contextLines = 1, color = false } = options
  const paint = palette(color)
  // Same line breaks as the parser, which counts lines after normalising \r\n and \r.
  const lines = source.split(/\r\n?|\n/)
  const { line } = position.start
  const text = lines[line - 1]
  if (line < 1 || text === undefined) return ''

  const first = Math.max(1, line - contextLines)
  const last = Math.min(lines.length, line + contextLines)
  const width = String(last).length
  const gutter = (label: string) => paint.dim(`${label.padStart(width)}|`)

  const out: string[] = []
  for (let n = first; n <= last; n++) {
    const marker = n === line ? paint.red('>> ') : '   '
    out.push(`${marker}${gutter(String(n))} ${lines[n - 1] ?? ''}`.trimEnd())
    if (n === line) out.push(`   ${gutter('')} ${caretLine(text, position, paint.red)}`)
  }
  return out.join('\n')
}

function caretLine(text: string, position: Position, red: (text: string) => string): string {
  const start = Math.max(1, position.start.column)
  const end = position.end.line === position.start.line ? position.end.column : text.length + 1
  // Keep tabs from the source so the carets line up however wide the terminal draws a tab.
  const indent = text.slice(0, start - 1).replace(/[^\t]/g, ' ')
  const pad = ' '.repeat(Math.max(0, start - 1 - text.length))
  return `${indent}${pad}${red('^'.repeat(Math.max(1, end - start)))}`
}
