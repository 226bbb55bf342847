import type { Position } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { codeFrame } from '../src/format/codeFrame'

/** A position from 1-based line/columns; offsets are not used by the frame. */
function at(line: number, column: number, endColumn = column + 1, endLine = line): Position {
  return { start: { line, column, offset: 0 }, end: { line: endLine, column: endColumn, offset: 0 } }
}

const five = ['one', 'two', 'three', 'four', 'five'].join('\n')

describe('codeFrame', () => {
  it('marks the line, shows one line either side and underlines the span', () => {
    expect(codeFrame(five, at(3, 2, 5))).toBe(
      ['   2| two', '>> 3| three', '    |  ^^^', '   4| four'].join('\n'),
    )
  })

  it('shows no line before the first line', () => {
    expect(codeFrame(five, at(1, 1, 4))).toBe(['>> 1| one', '    | ^^^', '   2| two'].join('\n'))
  })

  it('shows no line after the last line', () => {
    expect(codeFrame(five, at(5, 1, 5))).toBe(['   4| four', '>> 5| five', '    | ^^^^'].join('\n'))
  })

  it('right-aligns multi-digit line numbers', () => {
    const source = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n')
    expect(codeFrame(source, at(10, 6, 8))).toBe(
      ['    9| line 9', '>> 10| line 10', '     |      ^^', '   11| line 11'].join('\n'),
    )
  })

  it('keeps tabs before the span so the carets line up', () => {
    const source = 'a\n\t\t<q:foo/>\nb'
    expect(codeFrame(source, at(2, 3, 11))).toBe(
      ['   1| a', '>> 2| \t\t<q:foo/>', '    | \t\t^^^^^^^^', '   3| b'].join('\n'),
    )
  })

  it('draws one caret for an empty span', () => {
    expect(codeFrame('abc', at(1, 2, 2))).toBe(['>> 1| abc', '    |  ^'].join('\n'))
  })

  it('underlines to the end of the first line when the span covers several lines', () => {
    expect(codeFrame(five, at(2, 2, 3, 4))).toBe(
      ['   1| one', '>> 2| two', '    |  ^^', '   3| three'].join('\n'),
    )
  })

  it('points past the end of a line', () => {
    expect(codeFrame('<a', at(1, 3, 3))).toBe(['>> 1| <a', '    |   ^'].join('\n'))
  })

  it('shows as many context lines as asked', () => {
    expect(codeFrame(five, at(3, 1), { contextLines: 0 })).toBe(['>> 3| three', '    | ^'].join('\n'))
    expect(codeFrame(five, at(3, 1), { contextLines: 2 }).split('\n')).toHaveLength(6)
  })

  it('counts lines the way the parser does, with \\r\\n and \\r as breaks', () => {
    expect(codeFrame('one\r\ntwo\rthree', at(3, 1))).toBe(['   2| two', '>> 3| three', '    | ^'].join('\n'))
  })

  it('does not leave trailing spaces on empty lines', () => {
    expect(codeFrame('a\n\nb', at(3, 1))).toBe(['   2|', '>> 3| b', '    | ^'].join('\n'))
  })

  it('returns nothing for a line outside the source', () => {
    expect(codeFrame(five, at(9, 1))).toBe('')
    expect(codeFrame(five, at(0, 1))).toBe('')
  })

  it('underlines several spans on one line in one frame, merging those that overlap', () => {
    const source = 'ab cd ef gh'
    expect(codeFrame(source, [at(1, 10, 12), at(1, 1, 3), at(1, 2, 6)])).toBe(
      ['>> 1| ab cd ef gh', '    | ^^^^^    ^^'].join('\n'),
    )
    expect(codeFrame('\tab\tcd', [at(1, 2, 4), at(1, 5, 7)])).toBe(
      ['>> 1| \tab\tcd', '    | \t^^\t^^'].join('\n'),
    )
  })

  it('uses ANSI colours only when asked', () => {
    expect(codeFrame(five, at(3, 1))).not.toContain('\u001b[')
    expect(codeFrame(five, at(3, 1), { color: true })).toContain('\u001b[31m^\u001b[39m')
  })
})
