import { ErrorCodes, ParseError } from '@quantum/ast'
import { DOMParser, ParseError as XmlParseError } from '@xmldom/xmldom'
import type { ProblemList } from '../problemList'
import { restorePlaceholders } from './decode'
import { LineIndex } from './lines'
import { DecodingLocator, FlatLocator, LocatedAttribute, LocatedElement, LocatedText } from './located'
import { type AttributeSpan, type ElementSpan, type ProtectedSource, protectSource } from './protect'
import { QUANTUM_NS, type XElement, type XNode } from './tree'

/** The tree of a well-formed document. */
export interface XmlDocument {
  root: XElement
  lines: LineIndex
}

interface SaxLocator {
  lineNumber?: number
  columnNumber?: number
}

/** What xmldom's reader hands `startElement` (its `ElementAttributes`). */
interface SaxAttributes {
  length: number
  getQName(index: number): string
  getValue(index: number): string
}

/**
 * Read `.q` source into an {@link XmlDocument}. xmldom's reader checks well-formedness and resolves
 * namespaces; {@link TreeHandler}, plugged in through its `domHandler` option, builds our tree
 * directly instead of a DOM. Problems xmldom reports without giving up go to `problems`; malformed
 * XML throws a `ParseError` (`PARSE_XML`) where xmldom stopped.
 */
export function readXml(source: string, problems: ProblemList, file?: string): XmlDocument {
  const lines = new LineIndex(source)
  const errorAt = (message: string, offset: number) => {
    const position = lines.position(offset, offset)
    const options = file === undefined ? { position } : { position, file }
    return new ParseError(
      ErrorCodes.PARSE_XML,
      `malformed XML: ${restorePlaceholders(shortened(message))}`,
      options,
    )
  }
  const offsetOf = (where?: SaxLocator) =>
    where?.lineNumber ? lines.offset(where.lineNumber, where.columnNumber ?? 1) : 0
  const xmlError = (message: string, where?: SaxLocator) => errorAt(message, offsetOf(where))
  const warn = (message: string, where: SaxLocator) => {
    const offset = offsetOf(where)
    problems.addAt(lines.position(offset, offset), () => errorAt(message, offset))
  }
  const allowed = withoutForbiddenCharacters(source, (offset, code) => {
    const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    const at = lines.position(offset, offset)
    problems.addAt(at, () => errorAt(`the character ${name} is not allowed in XML`, offset))
  })
  const shielded = protectSource(allowed)
  const text = withoutTrailingContent(shielded, (offset, what) =>
    problems.add(errorAt(`${what} after the root element; a document has one root`, offset)),
  )
  const context = { shielded: text, spans: shielded.elements, lines, warn }
  let handler: TreeHandler | undefined
  class BoundHandler extends TreeHandler {
    constructor() {
      super(context)
      handler = this
    }
  }
  try {
    new DOMParser({ xmlns: { q: QUANTUM_NS }, domHandler: BoundHandler as never }).parseFromString(
      text,
      'text/xml',
    )
  } catch (error) {
    if (error instanceof ParseError) throw error
    const message = cleanXmlMessage((error as Error).message)
    // xmldom reports where it noticed; the pre-scan knows which tag is at fault.
    const { mismatch, unclosed } = shielded
    if (/mismatch/i.test(message) && mismatch) {
      const { expected, found } = mismatch
      if (mismatch.unclosed)
        throw errorAt(`<${expected.name}> is never closed (found </${found}> first)`, expected.start)
      throw errorAt(`closing tag </${found}> does not match the open <${expected.name}>`, mismatch.offset)
    }
    if (/unclosed/i.test(message) && unclosed)
      throw errorAt(`<${unclosed.name}> is never closed`, unclosed.start)
    throw xmlError(message, (error as { locator?: SaxLocator }).locator)
  }
  const root = handler?.root
  if (!root) throw xmlError('missing root element')
  return { root, lines }
}

/** XML 1.0 (§2.2) allows no C0 control character but tab, line feed and carriage return, anywhere. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it finds.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g

/**
 * Report each character XML forbids (xmldom lets NUL through) and read on with a space in its place, so
 * that the report is at the character rather than wherever xmldom would trip over it.
 */
function withoutForbiddenCharacters(source: string, report: (offset: number, code: number) => void): string {
  return source.replace(FORBIDDEN, (character, offset: number) => {
    report(offset, character.charCodeAt(0))
    return ' '
  })
}

/**
 * Blank out (same length, so positions hold) whatever follows the root element's end tag, reporting
 * the first thing there that is not whitespace, a comment or a processing instruction.
 */
function withoutTrailingContent(
  shielded: ProtectedSource,
  report: (offset: number, what: string) => void,
): string {
  const root = shielded.elements[0]
  const text = shielded.text
  if (!root || root.end >= text.length) return text
  const rest = text.slice(root.end)
  const ignorable = /^(?:\s+|<!--[\s\S]*?-->|<\?[\s\S]*?\?>)/
  let at = 0
  for (let match = ignorable.exec(rest); match; match = ignorable.exec(rest.slice(at))) at += match[0].length
  if (at >= rest.length) return text
  const what = rest.startsWith('</', at)
    ? 'an end tag'
    : rest.startsWith('<', at)
      ? 'another element'
      : 'text'
  report(root.end + at, what)
  return text.slice(0, root.end) + rest.replace(/[^\n]/g, ' ')
}

/** Longest xmldom message kept whole: it quotes the content at fault, which may be a megabyte of text. */
const MAX_MESSAGE = 200

function shortened(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE)}…`
}

function cleanXmlMessage(message: string): string {
  return message.replace(/^\[xmldom \w+\]\s*/, '').split('\n')[0] ?? message
}

interface HandlerContext {
  shielded: string
  /** Taken in order; each is cleared once its element is made. */
  spans: (ElementSpan | undefined)[]
  lines: LineIndex
  /** Record a problem xmldom reports and reads on after. */
  warn: (message: string, where: SaxLocator) => void
}

/** Receives xmldom's SAX events and builds the tree of {@link XElement}s and texts. */
class TreeHandler {
  root: XElement | undefined
  /**
   * xmldom checks `doc.documentElement` after parsing, and hands text after the last tag, when no root
   * came before it, to `doc`. Without these it threw and retried one character further on, quadratic
   * in a document with no root element; the text itself is reported as the missing root.
   */
  readonly doc = {
    documentElement: null as XElement | null,
    createTextNode: () => ({}),
    appendChild: () => {},
  }
  private readonly stack: XElement[] = []
  /** Set, and swapped while a start tag is reported, by xmldom's reader. */
  locator: SaxLocator = {}
  private cdata = false
  private next = 0

  constructor(private readonly context: HandlerContext) {}

  /** xmldom's reader checks this before it accepts CDATA. */
  get currentElement(): XElement | undefined {
    return this.stack[this.stack.length - 1]
  }

  /** xmldom sets it to the text node it appended to `doc`; the stack stays the truth. */
  set currentElement(_ignored: unknown) {}

  setDocumentLocator(locator: SaxLocator) {
    // The reader counts lines up from here.
    locator.lineNumber = 0
    this.locator = locator
  }

  startElement(namespaceURI: string | null, localName: string, qName: string, attrs: SaxAttributes) {
    const { lines, shielded } = this.context
    const span = this.takeSpan(qName)
    const start = span?.start ?? this.offset()
    const element = new LocatedElement(
      qName,
      localName,
      namespaceURI === QUANTUM_NS || qName.startsWith('q:'),
      lines.position(start, span?.end ?? start),
      span?.content.start ?? start,
      span?.content.end ?? start,
      attrs.length > 0 ? [] : NONE,
      NONE,
    )
    // One lookup per attribute: an element may have a hundred thousand of them.
    const spans = span && attrs.length > 0 ? spansByName(span.attributes) : undefined
    for (let i = 0; i < attrs.length; i++) {
      const name = attrs.getQName(i)
      const value = restorePlaceholders(attrs.getValue(i))
      const where = spans?.get(name)
      const attribute = where
        ? new LocatedAttribute(
            name,
            value,
            lines,
            { start: where.nameStart, end: where.valueEnd + 1 },
            new DecodingLocator(shielded, lines, where.valueStart, where.valueEnd, true),
          )
        : new LocatedAttribute(name, value, lines, { start, end: start }, new FlatLocator(lines, start))
      element.attributes.push(attribute)
    }
    const parent = this.stack[this.stack.length - 1]
    if (parent) adopt(parent, element)
    else {
      this.root = element
      this.doc.documentElement = element
    }
    this.stack.push(element)
  }

  endElement() {
    this.stack.pop()
  }

  characters(chars: string, start?: number, length?: number) {
    const parent = this.stack[this.stack.length - 1]
    const data = typeof start === 'number' ? chars.substr(start, length) : chars
    // Text outside the root, and indentation between q: tags, are never content (inside HTML the
    // parser keeps it as one space).
    if (!parent || data === '' || (!this.cdata && parent.quantum && isLayout(data))) return
    const { lines, shielded } = this.context
    const from = this.offset() + (this.cdata ? '<![CDATA['.length : 0)
    const found = shielded.indexOf(this.cdata ? ']]>' : '<', from)
    const to = found === -1 ? shielded.length : found
    const value = restorePlaceholders(data)
    const locator = this.cdata
      ? new FlatLocator(lines, from)
      : new DecodingLocator(shielded, lines, from, to, false)
    adopt(parent, new LocatedText(value, this.cdata, lines, { start: from, end: to }, locator))
  }

  startCDATA() {
    this.cdata = true
  }

  endCDATA() {
    this.cdata = false
  }

  warning(message: string) {
    this.context.warn(message, this.locator)
  }

  error(message: string) {
    this.warning(message)
  }

  fatalError(message: string): never {
    throw new XmlParseError(message, { ...this.locator })
  }

  startDocument() {}
  endDocument() {}
  startPrefixMapping() {}
  endPrefixMapping() {}
  processingInstruction() {}
  ignorableWhitespace() {}
  skippedEntity() {}
  comment() {}
  startDTD() {}
  endDTD() {}

  private takeSpan(name: string): ElementSpan | undefined {
    const span = this.context.spans[this.next]
    if (span && span.name === name) {
      // Let go of the span as it is taken: only its content offsets live on, in the element.
      this.context.spans[this.next++] = undefined
      return span
    }
    return undefined
  }

  private offset(): number {
    const { lineNumber, columnNumber } = this.locator
    return lineNumber ? this.context.lines.offset(lineNumber, columnNumber ?? 1) : 0
  }
}

/**
 * The children of an element that has none yet: most elements of a large document are leaves, and an
 * empty array each would be a third of the tree's memory. Never pushed to; {@link adopt} replaces it.
 */
const NONE: never[] = Object.freeze([]) as never[]

function adopt(parent: XElement, child: XNode) {
  if (parent.children === NONE) parent.children = [child]
  else parent.children.push(child)
}

/** Attribute spans by name, the first of each name (a repeated one is xmldom's to report). */
function spansByName(spans: readonly AttributeSpan[]): Map<string, AttributeSpan> {
  const byName = new Map<string, AttributeSpan>()
  for (const span of spans) if (!byName.has(span.name)) byName.set(span.name, span)
  return byName
}

/** Whitespace that spans lines: the layout between tags, which is never content. */
function isLayout(text: string): boolean {
  let newline = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 10) newline = true
    else if (code !== 32 && code !== 9 && code !== 13) return false
  }
  return newline
}
