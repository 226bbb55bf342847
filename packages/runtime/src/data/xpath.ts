import xpath from 'xpath'

/** An XPath parsed once, evaluated for every record. */
export interface CompiledXPath {
  /** Nodes, or a string, number or boolean, for `node` as the context node. */
  evaluate(node: Node): unknown
}

/** The parts of `xpath` used here that its type declarations leave out (`parse` and the result classes). */
interface XPathEngine {
  parse(text: string): { evaluate(options: EvaluateOptions): XPathValue }
  XNodeSet: abstract new (...args: never[]) => XPathValue
  XNumber: abstract new (...args: never[]) => XPathValue
  XBoolean: abstract new (...args: never[]) => XPathValue
}

interface EvaluateOptions {
  node: Node
  allowAnyNamespaceForNoPrefix: boolean
}

interface XPathValue {
  stringValue(): string
  numberValue(): number
  booleanValue(): boolean
  toArray?(): Node[]
}

// Node's ESM view of this CommonJS module names only some exports; the result classes are on the default one.
const engine = xpath as unknown as XPathEngine

/**
 * Parse an XPath 1.0 expression. Names without a prefix match elements of any namespace, so
 * `//entry` finds the entries of a feed that declares a default namespace.
 *
 * @returns the compiled expression, or the parser's complaint
 */
export function compileXPath(text: string): CompiledXPath | { problem: string } {
  let parsed: ReturnType<XPathEngine['parse']>
  try {
    parsed = engine.parse(text)
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) }
  }
  return {
    evaluate(node) {
      const value = parsed.evaluate({ node, allowAnyNamespaceForNoPrefix: true })
      if (isA(value, engine.XNodeSet)) return value.toArray?.() ?? []
      if (isA(value, engine.XNumber)) return value.numberValue()
      if (isA(value, engine.XBoolean)) return value.booleanValue()
      return value.stringValue()
    },
  }
}

function isA(value: XPathValue, type: XPathEngine['XNodeSet']): boolean {
  return value instanceof type
}

/**
 * Checks an XPath 1.0 expression before a document is read with it (on a worker thread, see
 * `readXmlOffThread`), so that a bad one is reported at its tag.
 *
 * @returns the parser's complaint, or undefined when the expression is valid
 */
export function xpathProblem(text: string): string | undefined {
  const compiled = compileXPath(text)
  return 'problem' in compiled ? compiled.problem : undefined
}
