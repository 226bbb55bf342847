import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

/** Folders never searched for pages: built, installed, generated state, and the changesets' notes. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git', '.quantum', '.turbo', '.changeset'])

/** Every Markdown page of the repository (docs/, the READMEs, CONTRIBUTING.md…), relative to the root, sorted. */
export function markdownPages(folder = repoRoot): string[] {
  const pages = readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED_FOLDERS.has(entry.name)) return []
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return markdownPages(path)
    return entry.name.endsWith('.md') ? [relative(repoRoot, path)] : []
  })
  return pages.sort()
}

/** A fenced code block of a page. */
export interface Block {
  /** The page, relative to the repository root. */
  page: string
  /** The fence's language (`console`, `sh`, `xml`…), empty when it has none. */
  lang: string
  /** Index (0-based) of the page line holding the opening fence; the body starts on the next line. */
  fenceLine: number
  /** The body's lines. */
  lines: string[]
  /** The `<!-- doc-test: … -->` directive on the line just before the fence, if any. */
  directive?: Directive
}

/**
 * What a `<!-- doc-test: … -->` comment before a block says: `not run: REASON` (a ```console block the
 * tests cannot run, listed by the tests), or `file NAME` (the block is a file the next commands use: it
 * is written into the page's folder under NAME before they run).
 */
export type Directive = { kind: 'not run'; reason: string } | { kind: 'file'; name: string }

/** Where a block starts, for messages: `packages/cli/README.md:26`. */
export function where(block: Pick<Block, 'page' | 'fenceLine'>): string {
  return `${block.page}:${block.fenceLine + 1}`
}

const DIRECTIVE = /^\s*<!--\s*doc-test:\s*(.*?)\s*-->\s*$/

/** Reads the directive of one comment line; throws on one the tests do not know, so none is silently ignored. */
function parseDirective(text: string, at: string): Directive {
  const notRun = /^not run:\s*(\S.*)$/.exec(text)
  if (notRun) return { kind: 'not run', reason: notRun[1] as string }
  const file = /^file\s+(\S+)$/.exec(text)
  if (file) return { kind: 'file', name: file[1] as string }
  throw new Error(`${at}: unknown doc-test directive "${text}" (known: "not run: REASON", "file NAME")`)
}

/** The fenced blocks of a page, in order (fences indented inside list items included). */
export function blocksOf(page: string, text = readFileSync(join(repoRoot, page), 'utf8')): Block[] {
  const lines = text.split('\n')
  const blocks: Block[] = []
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)(`{3,})\s*([\w-]*)\s*$/.exec(lines[index] as string)
    if (!open) continue
    const indent = (open[1] as string).length
    const fence = open[2] as string
    const body: string[] = []
    let end = index + 1
    while (end < lines.length && (lines[end] as string).trim() !== fence) {
      body.push((lines[end] as string).slice(indent))
      end++
    }
    const before = lines[index - 1] ?? ''
    const comment = DIRECTIVE.exec(before)
    const block: Block = { page, lang: open[3] as string, fenceLine: index, lines: body }
    if (comment) block.directive = parseDirective(comment[1] as string, `${page}:${index}`)
    blocks.push(block)
    index = end
  }
  return blocks
}

/** One command of a ```console block and the output shown under it. */
export interface Step {
  /** The command as a shell reads it (continuation lines joined). */
  command: string
  /** The output lines shown, `^C` excluded. */
  output: string[]
  /** The lines shown before `^C` (the user pressed Ctrl-C once they were printed), when the block has one. */
  beforeInterrupt?: string[]
  /** Index (0-based) in the block's lines of the first output line, and how many lines the output takes. */
  outputStart: number
  outputLength: number
}

/**
 * The steps of a ```console block: each `$ command` line (a line ending in `\` continues on the next)
 * and the lines under it up to the next `$ `, its output; a `^C` line among them is Ctrl-C pressed there.
 */
export function stepsOf(block: Block): Step[] {
  const steps: Step[] = []
  const { lines } = block
  let index = 0
  if (lines.length > 0 && !(lines[0] as string).startsWith('$ ')) {
    throw new Error(`${where(block)}: a console block starts with a "$ command" line`)
  }
  while (index < lines.length) {
    let command = (lines[index] as string).slice(2)
    while (command.endsWith('\\') && index + 1 < lines.length) {
      index++
      command = `${command.slice(0, -1)}${lines[index] as string}`
    }
    index++
    const outputStart = index
    while (index < lines.length && !(lines[index] as string).startsWith('$ ')) index++
    const shown = lines.slice(outputStart, index)
    const interrupt = shown.indexOf('^C')
    const step: Step = {
      command,
      output: shown.filter((line) => line !== '^C'),
      outputStart,
      outputLength: shown.length,
    }
    if (interrupt !== -1) step.beforeInterrupt = shown.slice(0, interrupt)
    steps.push(step)
  }
  return steps
}
