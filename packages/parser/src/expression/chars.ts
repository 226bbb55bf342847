/** Character codes the lexer and the template scanner compare against. */
export const TAB = 9
export const LINE_FEED = 10
export const CARRIAGE_RETURN = 13
export const SPACE = 32
export const BANG = 33
export const DOUBLE_QUOTE = 34
export const PERCENT = 37
export const AMPERSAND = 38
export const SINGLE_QUOTE = 39
export const OPEN_PAREN = 40
export const CLOSE_PAREN = 41
export const STAR = 42
export const PLUS = 43
export const COMMA = 44
export const DASH = 45
export const DOT = 46
export const SLASH = 47
export const COLON = 58
export const LESS = 60
export const EQUALS = 61
export const GREATER = 62
export const QUESTION = 63
export const OPEN_BRACKET = 91
export const BACKSLASH = 92
export const CLOSE_BRACKET = 93
export const OPEN_BRACE = 123
export const PIPE = 124
export const CLOSE_BRACE = 125

/** `0`–`9`. */
export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/** `0`–`9`, `a`–`f`, `A`–`F`. */
export function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70)
}

/** ASCII letters and `_`: what a name can start with. */
export function isIdentifierStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95
}

/** What a name can continue with: letters, digits and `_`. */
export function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || isDigit(code)
}

/** Space, tab and line breaks, the only whitespace between tokens. */
export function isWhitespace(code: number): boolean {
  return code === SPACE || code === TAB || code === LINE_FEED || code === CARRIAGE_RETURN
}

/** `'` or `"`. */
export function isQuote(code: number): boolean {
  return code === SINGLE_QUOTE || code === DOUBLE_QUOTE
}
