declare module '@xmldom/xmldom/lib/entities.js' {
  /** HTML's named character references (`nbsp` → U+00A0), as xmldom ships them. */
  export const HTML_ENTITIES: Readonly<Record<string, string>>
}
