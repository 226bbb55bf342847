import { ErrorCodes, ParseError } from '@quantum/ast'
import { DOMParser } from '@xmldom/xmldom'
import type { ValueLocator } from '../expression/index'
import { decodeRaw, restorePlaceholders } from './decode'
import { LineIndex } from './lines'
import { type ElementSpan, protectSource } from './protect'
import { QUANTUM_NS, type XAttribute, type XElement, type XNode, type XText } from './tree'

/** The tree of a well-formed document, plus problems xmldom reported without giving up. */
export interface XmlDocument {
  root: XElement
  problems: ParseError[]
  lines: LineIndex
}

// xmldom's node types, without depending on its DOM typings in our public surface.
interface DomNode {
  nodeType: number
  nodeName: string
  localName?: string | null
  prefix?: string | null
  namespaceURI?: string | null
  data?: string
  lineNumber?: number
  columnNumber?: number
  childNodes: ArrayLike<DomNode>
  attributes?: ArrayLike<{ name: string; value: string; lineNumber?: number; columnNumber?: number }>
}

interface Locatable {
  locator?: { lineNumber?: number; columnNumber?: number }
}

/**
 * Read `.q` source into an {@link XmlDocument}. Malformed XML throws a `ParseError` (`PARSE_XML`)
 * with the position xmldom stopped at.
 */
export function readXml(source: string, file?: string): XmlDocument {
  const lines = new LineIndex(source)
  const shielded = protectSource(source)
  const problems: ParseError[] = []
  const xmlError = (message: string, where?: Locatable['locator']) => {
    const offset = where?.lineNumber ? lines.offset(where.lineNumber, where.columnNumber ?? 1) : 0
    const position = lines.position(offset, offset)
    const options = file === undefined ? { position } : { position, file }
    return new ParseError(ErrorCodes.PARSE_XML, `malformed XML: ${restorePlaceholders(message)}`, options)
  }
  let dom: { documentElement?: DomNode | null }
  try {
    dom = new DOMParser({
      xmlns: { q: QUANTUM_NS },
      onError(level: string, message: string, context?: Locatable) {
        if (level === 'fatalError') return
        problems.push(xmlError(message, context?.locator))
      },
    }).parseFromString(shielded.text, 'text/xml') as unknown as { documentElement?: DomNode | null }
  } catch (error) {
    const located = error as Error & Locatable
    throw xmlError(cleanXmlMessage(located.message), located.locator)
  }
  const rootNode = dom.documentElement
  if (!rootNode) throw xmlError('missing root element')
  const builder = new TreeBuilder(shielded.text, shielded.elements, lines)
  return { root: builder.element(rootNode), problems, lines }
}

function cleanXmlMessage(message: string): string {
  return message.replace(/^\[xmldom \w+\]\s*/, '').split('\n')[0] ?? message
}

class TreeBuilder {
  private next = 0

  constructor(
    private readonly shielded: string,
    private readonly spans: ElementSpan[],
    private readonly lines: LineIndex,
  ) {}

  element(node: DomNode): XElement {
    const span = this.takeSpan(node)
    const start = span?.start ?? this.domOffset(node)
    const position = this.lines.position(start, span?.end ?? start)
    const attributes: XAttribute[] = []
    for (const attr of Array.from(node.attributes ?? [])) {
      attributes.push(this.attribute(attr, span, start))
    }
    const children: XNode[] = []
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 1) children.push(this.element(child))
      else if (child.nodeType === 3 || child.nodeType === 4) children.push(this.text(child))
    }
    const prefix = node.prefix ?? ''
    return {
      kind: 'element',
      name: node.nodeName,
      local: node.localName ?? node.nodeName,
      quantum: node.namespaceURI === QUANTUM_NS || prefix === 'q',
      position,
      attributes,
      children,
    }
  }

  private attribute(attr: { name: string; value: string }, span: ElementSpan | undefined, fallback: number) {
    const where = span?.attributes.find((candidate) => candidate.name === attr.name)
    const value = restorePlaceholders(attr.value)
    if (!where) {
      const position = this.lines.position(fallback, fallback)
      return { name: attr.name, value, position, locator: this.flatLocator(fallback) }
    }
    const position = this.lines.position(where.nameStart, where.valueEnd + 1)
    const raw = this.shielded.slice(where.valueStart, where.valueEnd)
    return { name: attr.name, value, position, locator: this.lazyLocator(raw, where.valueStart, true) }
  }

  private text(node: DomNode): XText {
    const cdata = node.nodeType === 4
    const start = this.domOffset(node) + (cdata ? '<![CDATA['.length : 0)
    const terminator = cdata ? ']]>' : '<'
    const found = this.shielded.indexOf(terminator, start)
    const end = found === -1 ? this.shielded.length : found
    const value = restorePlaceholders(node.data ?? '')
    const locator = cdata
      ? this.flatLocator(start)
      : this.lazyLocator(this.shielded.slice(start, end), start, false)
    const position = this.lines.position(start, cdata ? end : end)
    return { kind: 'text', value, cdata, position, locator }
  }

  private takeSpan(node: DomNode): ElementSpan | undefined {
    const span = this.spans[this.next]
    if (span && span.name === node.nodeName) {
      this.next++
      return span
    }
    return undefined
  }

  private domOffset(node: DomNode): number {
    return node.lineNumber ? this.lines.offset(node.lineNumber, node.columnNumber ?? 1) : 0
  }

  private flatLocator(start: number): ValueLocator {
    return { point: (index) => this.lines.point(start + index) }
  }

  private lazyLocator(raw: string, start: number, attribute: boolean): ValueLocator {
    let offsets: number[] | undefined
    return {
      point: (index) => {
        offsets ??= decodeRaw(raw, start, { attribute }).offsets
        const at = offsets[Math.min(index, offsets.length - 1)] ?? start
        return this.lines.point(at)
      },
    }
  }
}
