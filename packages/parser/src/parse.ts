import {
  type ComponentNode,
  type Document,
  ErrorCodes,
  type JobNode,
  ParseError,
  type QuantumError,
  type QuantumErrorOptions,
  ValidationError,
} from '@quantum/ast'
import { ProblemList, problemCount } from './problemList'
import { textSizeError } from './sourceSize'
import { SyntaxContext } from './syntax/context'
import { TagRegistry } from './syntax/registry'
import { builtinTags } from './tags/index'
import { readXml } from './xml/readXml'

/** Options of {@link parse} and {@link check}. */
export interface ParseOptions {
  /** Shown in diagnostics and stored on the document. */
  file?: string
  /** Tags to parse with. @defaultValue the built-in tags */
  registry?: TagRegistry
  /**
   * A longer source (in UTF-8 bytes) is refused with `PARSE_SOURCE_TOO_LARGE` before it is parsed.
   * @defaultValue {@link MAX_SOURCE_BYTES} (5 MiB)
   */
  maxSourceBytes?: number
}

/**
 * A document (when its root could be read) and the problems found in it, in source order: all of
 * them, or the first 100 and a last `PARSE_TOO_MANY_PROBLEMS` that counts the rest.
 */
export interface CheckResult {
  document?: Document
  diagnostics: QuantumError[]
  /**
   * What parses and runs but is likely a mistake (`PARSE_SCHEDULE_RUNS_NOTHING`), in source order and
   * bounded like the problems. Warnings never make a document invalid, and `parse` ignores them.
   */
  warnings: QuantumError[]
}

const ROOTS = ['component', 'application', 'job']
const defaultRegistry = new TagRegistry(builtinTags)

/**
 * Parse and validate a `.q` document, collecting every problem instead of stopping at the first.
 * Never throws for bad input.
 */
export function check(source: string, options: ParseOptions = {}): CheckResult {
  const tooLarge = textSizeError(source, options)
  if (tooLarge) return { diagnostics: [tooLarge], warnings: [] }
  // A byte-order mark is not content; CRLF and CR count as one line end, as in XML.
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const file = options.file
  const problems = new ProblemList(file)
  let xml: ReturnType<typeof readXml>
  try {
    xml = readXml(text, problems, file)
  } catch (error) {
    if (error instanceof ParseError) return { diagnostics: [error], warnings: [] }
    throw error
  }
  const registry = options.registry ?? defaultRegistry
  const ctx = new SyntaxContext(registry, text, xml.lines, file, problems)
  const root = xml.root
  let component: ComponentNode | undefined
  if (!root.quantum || !ROOTS.includes(root.local)) {
    ctx.report(
      ErrorCodes.PARSE_INVALID_ROOT,
      `the root element must be <q:component>, <q:application> or <q:job>; found <${root.name}>`,
      root.position,
    )
  } else if (root.local === 'job') {
    const job = ctx.node<JobNode>(root)
    if (job)
      component = {
        type: 'component',
        name: job.name,
        kind: 'component',
        params: [],
        functions: [],
        actions: [],
        body: [job],
      }
  } else {
    component = ctx.node<ComponentNode>(root)
  }
  const diagnostics = problems.list()
  const warnings = ctx.warnings.list()
  if (!component) return { diagnostics, warnings }
  const document: Document = { type: 'document', component, position: xml.lines.position(0, text.length) }
  if (file !== undefined) document.file = file
  return { document, diagnostics, warnings }
}

/**
 * Parse a `.q` document into its AST. Throws the problem when there is one, or a `ValidationError`
 * with code `DOCUMENT_INVALID` whose `errors` lists them all.
 */
export function parse(source: string, options: ParseOptions = {}): Document {
  const { document, diagnostics } = check(source, options)
  const [first] = diagnostics
  if (diagnostics.length === 1 && first) throw first
  if (diagnostics.length > 1 || !document) {
    const lines = diagnostics.map((error) => `  ${error.location}: ${error.code}: ${error.message}`)
    const errorOptions: QuantumErrorOptions = { errors: diagnostics }
    if (first?.position) errorOptions.position = first.position
    if (options.file !== undefined) errorOptions.file = options.file
    throw new ValidationError(
      ErrorCodes.DOCUMENT_INVALID,
      `${problemCount(diagnostics)} problems in ${options.file ?? 'the document'}:\n${lines.join('\n')}`,
      errorOptions,
    )
  }
  return document
}
