/** One fenced TypeScript block of a Markdown file. */
export interface Snippet {
  /** The Markdown file, relative to the repository root, with `/` separators. */
  file: string
  /** 1-based line of the block's first code line in `file`. */
  line: number
  /** Columns of indentation removed from each code line (a block inside a list item). */
  indent: number
  code: string
  /** Set when the block is marked `<!-- snippet: not-checked, reason -->`: why it is left out. */
  notChecked?: string
}

/** A marker that could not be read: a reason is required. */
export interface MarkerProblem {
  file: string
  line: number
  message: string
}

const FENCE = /^( {0,3})(`{3,}|~{3,})\s*([^\s`]*)/
const MARKER = /^\s*<!--\s*snippet:\s*not-checked\s*(?:,\s*(.*?))?\s*-->\s*$/
const TYPESCRIPT = new Set(['ts', 'typescript'])

/**
 * The ```ts and ```typescript blocks of one Markdown text, with the not-checked marker that stands on
 * the last non-blank line before a block.
 */
export function extractSnippets(
  markdown: string,
  file: string,
): { snippets: Snippet[]; problems: MarkerProblem[] } {
  const lines = markdown.split(/\r?\n/)
  const snippets: Snippet[] = []
  const problems: MarkerProblem[] = []
  let index = 0
  while (index < lines.length) {
    const open = FENCE.exec(lines[index] ?? '')
    if (!open) {
      index++
      continue
    }
    const indent = open[1]?.length ?? 0
    const fence = open[2] ?? '```'
    const language = (open[3] ?? '').toLowerCase()
    const start = index + 1
    let end = start
    while (end < lines.length && !isClosing(lines[end] ?? '', fence)) end++
    if (TYPESCRIPT.has(language)) {
      const code = lines
        .slice(start, end)
        .map((line) => line.slice(Math.min(indent, leadingSpaces(line))))
        .join('\n')
      const snippet: Snippet = { file, line: start + 1, indent, code }
      const marker = markerBefore(lines, index)
      if (marker !== undefined) {
        if (marker.reason) snippet.notChecked = marker.reason
        else
          problems.push({
            file,
            line: marker.line,
            message: 'a not-checked snippet needs a reason: <!-- snippet: not-checked, why -->',
          })
      }
      snippets.push(snippet)
    }
    index = end + 1
  }
  return { snippets, problems }
}

function isClosing(line: string, fence: string): boolean {
  const trimmed = line.trim()
  return trimmed.startsWith(fence) && /^(`+|~+)$/.test(trimmed) && trimmed[0] === fence[0]
}

function leadingSpaces(line: string): number {
  return line.length - line.trimStart().length
}

function markerBefore(lines: string[], fenceIndex: number): { line: number; reason: string } | undefined {
  let index = fenceIndex - 1
  while (index >= 0 && (lines[index] ?? '').trim() === '') index--
  const match = MARKER.exec(lines[index] ?? '')
  return match ? { line: index + 1, reason: match[1] ?? '' } : undefined
}
