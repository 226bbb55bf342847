import {
  AMPERSAND,
  BACKSLASH,
  BANG,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  CLOSE_PAREN,
  COLON,
  COMMA,
  DASH,
  DOT,
  EQUALS,
  GREATER,
  isDigit,
  isHexDigit,
  isIdentifierPart,
  isIdentifierStart,
  isQuote,
  isWhitespace,
  LESS,
  OPEN_BRACE,
  OPEN_BRACKET,
  OPEN_PAREN,
  PERCENT,
  PIPE,
  PLUS,
  QUESTION,
  SLASH,
  STAR,
} from './chars'
import type { SourceContext } from './errors'
import { expressionError, quote } from './errors'
import type { Operator, Token } from './tokens'

const SINGLE_CHAR_OPERATORS: ReadonlyMap<number, Operator> = new Map([
  [OPEN_PAREN, '('],
  [CLOSE_PAREN, ')'],
  [OPEN_BRACKET, '['],
  [CLOSE_BRACKET, ']'],
  [OPEN_BRACE, '{'],
  [CLOSE_BRACE, '}'],
  [COMMA, ','],
  [COLON, ':'],
  [QUESTION, '?'],
  [DOT, '.'],
  [PLUS, '+'],
  [DASH, '-'],
  [STAR, '*'],
  [PERCENT, '%'],
])

const SIMPLE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['n', '\n'],
  ['t', '\t'],
  ['r', '\r'],
  ['\\', '\\'],
  ["'", "'"],
  ['"', '"'],
])

/**
 * Splits an expression into tokens, ending with one `eof` token.
 *
 * @throws ParseError on a character, number, string or escape the grammar does not have.
 */
export function tokenize(context: SourceContext): Token[] {
  return new Lexer(context).run()
}

class Lexer {
  private readonly context: SourceContext
  private readonly text: string
  private readonly tokens: Token[] = []
  private index = 0

  constructor(context: SourceContext) {
    this.context = context
    this.text = context.text
  }

  run(): Token[] {
    const { text, tokens } = this
    const length = text.length
    for (;;) {
      let code = text.charCodeAt(this.index)
      while (isWhitespace(code)) code = text.charCodeAt(++this.index)
      const start = this.index
      if (start >= length) {
        tokens.push({ type: 'eof', start, end: start })
        return tokens
      }
      if (isIdentifierStart(code)) this.readName(start)
      else if (isDigit(code)) this.readNumber(start)
      else if (isQuote(code)) this.readString(start, code)
      else this.readOperator(start, code)
    }
  }

  private readName(start: number): void {
    const { text } = this
    let end = start + 1
    if (this.isThreadMember()) {
      let code = text.charCodeAt(end)
      while (isIdentifierPart(code) || code === DASH) code = text.charCodeAt(++end)
      // A trailing dash is a minus: `thread.a-` then an operand.
      while (text.charCodeAt(end - 1) === DASH) end--
    } else {
      while (isIdentifierPart(text.charCodeAt(end))) end++
    }
    this.tokens.push({ type: 'name', value: text.slice(start, end), start, end })
    this.index = end
  }

  /** Thread names may contain dashes, so the segment right after a root `thread.` is read whole. */
  private isThreadMember(): boolean {
    const { tokens } = this
    const count = tokens.length
    const dot = tokens[count - 1]
    const root = tokens[count - 2]
    const before = tokens[count - 3]
    return (
      dot?.type === 'operator' &&
      dot.value === '.' &&
      root?.type === 'name' &&
      root.value === 'thread' &&
      !(before?.type === 'operator' && before.value === '.')
    )
  }

  private readNumber(start: number): void {
    const { text } = this
    let end = start + 1
    while (isDigit(text.charCodeAt(end))) end++
    if (text.charCodeAt(end) === DOT && isDigit(text.charCodeAt(end + 1))) {
      end += 2
      while (isDigit(text.charCodeAt(end))) end++
    }
    if (isIdentifierPart(text.charCodeAt(end))) {
      let bad = end + 1
      while (isIdentifierPart(text.charCodeAt(bad))) bad++
      throw this.error(`invalid number ${quote(this.slice(start, bad))} in ${this.where()}`, start, bad)
    }
    this.tokens.push({ type: 'number', value: Number(text.slice(start, end)), start, end })
    this.index = end
  }

  private readString(start: number, quoteCode: number): void {
    const { text } = this
    const length = text.length
    let value = ''
    let chunk = start + 1
    let index = chunk
    for (;;) {
      if (index >= length) throw this.unterminated(start)
      const code = text.charCodeAt(index)
      if (code === quoteCode) break
      if (code !== BACKSLASH) {
        index++
        continue
      }
      value += text.slice(chunk, index)
      if (index + 1 >= length) throw this.unterminated(start)
      const letter = text.charAt(index + 1)
      const simple = SIMPLE_ESCAPES.get(letter)
      if (simple !== undefined) {
        value += simple
        index += 2
      } else if (letter === 'u') {
        value += this.readUnicodeEscape(index)
        index += 6
      } else {
        const message = `unknown escape ${quote(`\\${letter}`)} in string; use \\n \\t \\r \\\\ \\' \\" or \\uXXXX`
        throw this.error(message, index, index + 2)
      }
      chunk = index
    }
    value += text.slice(chunk, index)
    this.tokens.push({ type: 'string', value, start, end: index + 1 })
    this.index = index + 1
  }

  private readUnicodeEscape(backslash: number): string {
    const { text } = this
    let end = backslash + 2
    while (end < backslash + 6 && isHexDigit(text.charCodeAt(end))) end++
    if (end < backslash + 6) {
      const shown = this.slice(backslash, Math.min(end + 1, text.length))
      const message = `invalid escape ${quote(shown)} in string; expected 4 hex digits after "\\u"`
      throw this.error(message, backslash, Math.min(end + 1, text.length))
    }
    return String.fromCharCode(Number.parseInt(text.slice(backslash + 2, end), 16))
  }

  private readOperator(start: number, code: number): void {
    const { text } = this
    const next = text.charCodeAt(start + 1)
    let operator = SINGLE_CHAR_OPERATORS.get(code)
    if (operator === undefined) {
      switch (code) {
        case SLASH:
          operator = next === SLASH ? '//' : '/'
          break
        case LESS:
          operator = next === EQUALS ? '<=' : '<'
          break
        case GREATER:
          operator = next === EQUALS ? '>=' : '>'
          break
        case EQUALS:
          if (next !== EQUALS) throw this.misspelled(start, 1, '"==" to compare')
          if (text.charCodeAt(start + 2) === EQUALS) throw this.misspelled(start, 3, '"==" to compare')
          operator = '=='
          break
        case BANG:
          if (next !== EQUALS) operator = '!'
          else if (text.charCodeAt(start + 2) === EQUALS) throw this.misspelled(start, 3, '"!=" to compare')
          else operator = '!='
          break
        case AMPERSAND:
          if (next !== AMPERSAND) throw this.misspelled(start, 1, '"&&" or "and"')
          operator = '&&'
          break
        case PIPE:
          if (next !== PIPE) throw this.misspelled(start, 1, '"||" or "or"')
          operator = '||'
          break
        default: {
          const character = String.fromCodePoint(text.codePointAt(start) ?? code)
          const message = `unexpected character ${quote(character)} in ${this.where()}`
          throw this.error(message, start, start + character.length)
        }
      }
    }
    const end = start + operator.length
    this.tokens.push({ type: 'operator', value: operator, start, end })
    this.index = end
  }

  private misspelled(start: number, length: number, suggestion: string): Error {
    const shown = quote(this.slice(start, start + length))
    return this.error(`unexpected ${shown} in ${this.where()}; use ${suggestion}`, start, start + length)
  }

  private unterminated(start: number): Error {
    const length = this.text.length
    return this.error(
      `unterminated string starting at ${quote(this.slice(start, length), 20)}`,
      start,
      length,
    )
  }

  private error(message: string, start: number, end: number): Error {
    return expressionError(this.context, message, start, end)
  }

  private where(): string {
    return `expression ${quote(this.context.display)}`
  }

  private slice(start: number, end: number): string {
    return this.context.display.slice(start, end)
  }
}
