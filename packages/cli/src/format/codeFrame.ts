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
 * Given several positions that start on the same line, one frame underlines them all.
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
export function codeFrame(
  source: string,
  position: Position | readonly Position[],
  options: CodeFrameOptions = {},
): string {
  return frameOf(sourceLines(source), 'start' in position ? [position] : position, options)
}

/** The lines of `source`, broken as the parser breaks them (it counts `\r\n` and `\r` as one line end). */
export function sourceLines(source: string): string[] {
  return source.split(/\r\n?|\n/)
}

/** {@link codeFrame} over a source already split with {@link sourceLines}; the line is the first position's. */
export function frameOf(
  lines: readonly string[],
  positions: readonly Position[],
  options: CodeFrameOptions = {},
): string {
  const { contextLines = 1, color = false } = options
  const paint = palette(color)
  const line = positions[0]?.start.line ?? 0
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
    if (n === line) out.push(`   ${gutter('')} ${caretLine(text, positions, paint.red)}`)
  }
  return out.join('\n')
}

/**
 * Carets under every span on `text`, merged where they touch, so the line is never longer than the
 * source line (plus one past its end) however many problems it has.
 */
function caretLine(text: string, positions: readonly Position[], red: (text: string) => string): string {
  const spans = positions
    .map((position) => {
      const start = Math.max(1, position.start.column)
      const end = position.end.line === position.start.line ? position.end.column : text.length + 1
      return { start, end: Math.max(start + 1, end) }
    })
    .sort((a, b) => a.start - b.start)
  const merged: { start: number; end: number }[] = []
  for (const span of spans) {
    const previous = merged[merged.length - 1]
    if (previous && span.start <= previous.end) previous.end = Math.max(previous.end, span.end)
    else merged.push(span)
  }
  let out = ''
  let column = 1
  for (const { start, end } of merged) {
    // Keep tabs from the source so the carets line up however wide the terminal draws a tab.
    const gap = text.slice(column - 1, start - 1).replace(/[^\t]/g, ' ')
    out += `${gap}${' '.repeat(start - column - gap.length)}${red('^'.repeat(end - start))}`
    column = end
  }
  return out
}
