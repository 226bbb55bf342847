/** One column of an upstream-style table: its header and the width it is padded to. */
export interface Column {
  header: string
  width: number
}

/** The width of the rule under a table's header, as upstream draws most of them. */
const RULE_WIDTH = 95

// A line break or escape sequence inside a value (an error message) would break the table's lines.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to replace
const CONTROL = /[\u0000-\u001f\u007f]+/g

/**
 * Upstream's table: the header, a rule of `ruleWidth` `-` (95 unless given), then one line per row; cells left-aligned, padded to
 * their column's width and separated by a space (a longer value is not cut, as upstream does), trailing
 * spaces dropped. An empty or missing cell prints `-`; control characters in a cell print as a space.
 */
export function formatTable(
  columns: readonly Column[],
  rows: readonly (readonly (string | null)[])[],
  ruleWidth = RULE_WIDTH,
): string {
  const line = (cells: readonly (string | null)[]) =>
    columns
      .map((column, index) => (cells[index]?.replace(CONTROL, ' ') || '-').padEnd(column.width))
      .join(' ')
      .trimEnd()
  const lines = [line(columns.map((column) => column.header)), '-'.repeat(ruleWidth), ...rows.map(line)]
  return `${lines.join('\n')}\n`
}
