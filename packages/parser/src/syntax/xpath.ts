import * as xpath from 'xpath'
import type { AttributeReader } from './attributes'
import { tagTitle } from './attributes'

/** `xpath.parse`, which the package's type declarations leave out. */
const parseXPath = (xpath as unknown as { parse(text: string): unknown }).parse

/** A static XPath 1.0 attribute (`q:data xpath`, `q:field xpath`), checked now; `undefined` when missing or broken. */
export function xpathAttribute(a: AttributeReader, name: string): string | undefined {
  const text = a.string(name, { required: true })
  const attribute = a.get(name)
  if (text === undefined || !attribute) return undefined
  try {
    parseXPath(text)
    return text
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    a.invalid(
      attribute,
      `${tagTitle(a.element)} xpath is not a valid XPath 1.0 expression (${reason}): ${text}`,
    )
    return undefined
  }
}
