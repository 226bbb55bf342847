import xpath from 'xpath'

/** The part of `xpath` used here that its type declarations leave out. */
interface XPathParser {
  parse(text: string): unknown
}

/**
 * Checks an XPath 1.0 expression before a document is read with it (on a worker thread, see
 * `readXmlOffThread`), so that a bad one is reported at its tag.
 *
 * @returns the parser's complaint, or undefined when the expression is valid
 */
export function xpathProblem(text: string): string | undefined {
  try {
    ;(xpath as unknown as XPathParser).parse(text)
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}
