import {
  type BinaryOperator,
  ErrorCodes,
  type Expression,
  type ObjectProperty,
  ParseError,
  type Position,
} from '@quantum/ast'
import { deeperThan, MAX_EXPRESSION_DEPTH } from './depth'
import type { SourceContext } from './errors'
import { expressionError, quote } from './errors'
import { tokenize } from './lexer'
import { spanOf } from './locator'
import type { NameToken, Operator, OperatorToken, Token } from './tokens'
import { FORBIDDEN_NAMES, KEYWORDS, LITERAL_WORDS } from './tokens'

// Binding powers, loosest first. `not` sits between `and` and the comparisons, as in Python.
const OR = 1
const AND = 2
const NOT = 3
const COMPARISON = 4
const ADDITIVE = 5
const MULTIPLICATIVE = 6

type InfixOperator =
  | { precedence: number; logical: true; operator: 'and' | 'or' }
  | { precedence: number; logical: false; operator: BinaryOperator }

function logical(precedence: number, operator: 'and' | 'or'): InfixOperator {
  return { precedence, logical: true, operator }
}

function binary(precedence: number, operator: BinaryOperator): InfixOperator {
  return { precedence, logical: false, operator }
}

const SYMBOL_INFIX: ReadonlyMap<string, InfixOperator> = new Map([
  ['||', logical(OR, 'or')],
  ['&&', logical(AND, 'and')],
  ['==', binary(COMPARISON, '==')],
  ['!=', binary(COMPARISON, '!=')],
  ['<', binary(COMPARISON, '<')],
  ['<=', binary(COMPARISON, '<=')],
  ['>', binary(COMPARISON, '>')],
  ['>=', binary(COMPARISON, '>=')],
  ['+', binary(ADDITIVE, '+')],
  ['-', binary(ADDITIVE, '-')],
  ['*', binary(MULTIPLICATIVE, '*')],
  ['/', binary(MULTIPLICATIVE, '/')],
  ['//', binary(MULTIPLICATIVE, '//')],
  ['%', binary(MULTIPLICATIVE, '%')],
])

const WORD_INFIX: ReadonlyMap<string, InfixOperator> = new Map([
  ['or', logical(OR, 'or')],
  ['and', logical(AND, 'and')],
  ['eq', binary(COMPARISON, '==')],
  ['neq', binary(COMPARISON, '!=')],
  ['lt', binary(COMPARISON, '<')],
  ['lte', binary(COMPARISON, '<=')],
  ['gt', binary(COMPARISON, '>')],
  ['gte', binary(COMPARISON, '>=')],
  ['in', binary(COMPARISON, 'in')],
])

const NOT_IN = binary(COMPARISON, 'not in')

/**
 * Parses the tokens of one expression by precedence climbing.
 *
 * @throws ParseError at the first token that does not fit the grammar.
 */
export function parseTokens(context: SourceContext): Expression {
  return new Parser(context).parse()
}

class Parser {
  private readonly context: SourceContext
  private readonly tokens: Token[]
  private index = 0
  private token: Token
  /** End of the last consumed token: where the node being built ends. */
  private previousEnd = 0
  private depth = 0

  constructor(context: SourceContext) {
    this.context = context
    this.tokens = tokenize(context)
    this.token = this.tokens[0] as Token
  }

  parse(): Expression {
    const first = this.token
    if (first.type === 'eof') throw expressionError(this.context, 'empty expression', first.start, first.end)
    const expression = this.parseConditional()
    if (this.token.type !== 'eof') throw this.unexpected('an operator')
    // Chains (`a + b + …`, `a.b.c…`) are read in a loop, yet each link is one level more to evaluate.
    const deep = deeperThan(expression, MAX_EXPRESSION_DEPTH)
    if (deep) {
      const message = `${this.tooDeep()}, counting each operator of a chain such as a + b + c as one; compute a long chain in steps with q:set`
      throw new ParseError(
        ErrorCodes.PARSE_EXPRESSION,
        message,
        deep.position ? { position: deep.position } : {},
      )
    }
    return expression
  }

  private parseConditional(): Expression {
    this.enter()
    const node = this.parseTernary()
    this.depth--
    return node
  }

  private parseTernary(): Expression {
    const start = this.token.start
    const test = this.parseInfix(OR)
    if (!this.isOperator('?')) return test
    this.advance()
    const consequent = this.parseConditional()
    if (!this.isOperator(':')) throw this.unexpected('":"')
    this.advance()
    const alternate = this.parseConditional()
    return { type: 'conditional', test, consequent, alternate, position: this.span(start) }
  }

  /** Operators binding at least as tight as `minimum`, left-associative. */
  private parseInfix(minimum: number): Expression {
    const start = this.token.start
    let left = minimum <= NOT && this.isLooseNot() ? this.parseLooseNot() : this.parseUnary()
    for (;;) {
      const infix = this.infixOperator()
      if (infix === undefined || infix.precedence < minimum) return left
      this.advance()
      if (infix.operator === 'not in') this.advance()
      const right = this.parseInfix(infix.precedence + 1)
      const position = this.span(start)
      left = infix.logical
        ? { type: 'logical', operator: infix.operator, left, right, position }
        : { type: 'binary', operator: infix.operator, left, right, position }
    }
  }

  private isLooseNot(): boolean {
    const { token } = this
    return (
      (token.type === 'name' && token.value === 'not') || (token.type === 'operator' && token.value === '!')
    )
  }

  /** `not x` / `!x` at statement level: the operand takes in comparisons and arithmetic. */
  private parseLooseNot(): Expression {
    const start = this.token.start
    this.advance()
    this.enter()
    const argument = this.parseInfix(NOT)
    this.depth--
    return { type: 'unary', operator: '!', argument, position: this.span(start) }
  }

  private infixOperator(): InfixOperator | undefined {
    const { token } = this
    if (token.type === 'operator') return SYMBOL_INFIX.get(token.value)
    if (token.type !== 'name') return undefined
    if (token.value === 'not') {
      const next = this.tokens[this.index + 1]
      return next?.type === 'name' && next.value === 'in' ? NOT_IN : undefined
    }
    return WORD_INFIX.get(token.value)
  }

  /** Tight prefix operators; `!` here lets `a == !b` and `-!x` parse. */
  private parseUnary(): Expression {
    const { token } = this
    if (token.type === 'operator' && (token.value === '-' || token.value === '+' || token.value === '!')) {
      this.advance()
      this.enter()
      const argument = this.parseUnary()
      this.depth--
      return { type: 'unary', operator: token.value, argument, position: this.span(token.start) }
    }
    return this.parsePostfix()
  }

  private parsePostfix(): Expression {
    const start = this.token.start
    let node = this.parsePrimary()
    for (;;) {
      const { token } = this
      if (token.type !== 'operator') return node
      if (token.value === '.') {
        this.advance()
        const property = this.expectName('a property name')
        node = { type: 'member', object: node, property, position: this.span(start) }
      } else if (token.value === '[') {
        this.advance()
        const indexStart = this.token.start
        const index = this.parseConditional()
        this.rejectForbiddenIndex(index, indexStart, this.previousEnd)
        this.expectCloser(token, ']')
        node = { type: 'index', object: node, index, position: this.span(start) }
      } else if (token.value === '(') {
        if (node.type !== 'identifier' && node.type !== 'member') {
          throw this.unexpectedToken('only names and methods can be called')
        }
        const args = this.parseList(token, ')')
        node = { type: 'call', callee: node, arguments: args, position: this.span(start) }
      } else {
        return node
      }
    }
  }

  private parsePrimary(): Expression {
    const { token } = this
    switch (token.type) {
      case 'number':
      case 'string':
        this.advance()
        return { type: 'literal', value: token.value, position: this.span(token.start) }
      case 'name': {
        const literal = LITERAL_WORDS.get(token.value)
        if (literal !== undefined) {
          this.advance()
          return { type: 'literal', value: literal, position: this.span(token.start) }
        }
        const name = this.expectName('a value')
        return { type: 'identifier', name, position: this.span(token.start) }
      }
      case 'operator':
        if (token.value === '(') {
          this.advance()
          const inner = this.parseConditional()
          this.expectCloser(token, ')')
          return inner
        }
        if (token.value === '[') {
          const elements = this.parseList(token, ']')
          return { type: 'array', elements, position: this.span(token.start) }
        }
        if (token.value === '{') return this.parseObject(token)
        throw this.unexpected('a value')
      case 'eof':
        throw this.unexpected('a value')
    }
  }

  /** Comma-separated expressions from the opener to `closer`; a trailing comma is allowed. */
  private parseList(opener: OperatorToken, closer: Operator): Expression[] {
    this.advance()
    const items: Expression[] = []
    while (!this.isOperator(closer)) {
      if (this.token.type === 'eof') throw this.unclosed(opener, closer)
      items.push(this.parseConditional())
      if (this.isOperator(',')) this.advance()
      else if (!this.isOperator(closer)) throw this.unexpectedInside(opener, closer, `"," or "${closer}"`)
    }
    this.advance()
    return items
  }

  private parseObject(opener: OperatorToken): Expression {
    this.advance()
    const properties: ObjectProperty[] = []
    while (!this.isOperator('}')) {
      const { token } = this
      if (token.type === 'eof') throw this.unclosed(opener, '}')
      let key: string
      if (token.type === 'string') {
        this.rejectForbidden(token.value, token)
        key = token.value
        this.advance()
      } else if (token.type === 'name') {
        key = this.expectName('a key')
      } else {
        throw this.unexpected('a key (a name or a quoted string)')
      }
      if (!this.isOperator(':')) throw this.unexpectedInside(opener, '}', '":"')
      this.advance()
      properties.push({ key, value: this.parseConditional() })
      if (this.isOperator(',')) this.advance()
      else if (!this.isOperator('}')) throw this.unexpectedInside(opener, '}', '"," or "}"')
    }
    this.advance()
    return { type: 'object', properties, position: this.span(opener.start) }
  }

  /** Consumes a name usable as a variable, property or key, and returns it. */
  private expectName(expected: string): string {
    const { token } = this
    if (token.type !== 'name' || KEYWORDS.has(token.value)) throw this.unexpected(expected)
    this.rejectForbidden(token.value, token)
    this.advance()
    return token.value
  }

  private rejectForbidden(name: string, token: Token): void {
    if (FORBIDDEN_NAMES.has(name)) {
      throw expressionError(this.context, `access to ${quote(name)} is not allowed`, token.start, token.end)
    }
  }

  /** `a['constructor']` is the same access as `a.constructor`, so it is refused the same way. */
  private rejectForbiddenIndex(index: Expression, start: number, end: number): void {
    if (index.type === 'literal' && typeof index.value === 'string' && FORBIDDEN_NAMES.has(index.value)) {
      throw expressionError(this.context, `access to ${quote(index.value)} is not allowed`, start, end)
    }
  }

  private expectCloser(opener: OperatorToken, closer: Operator): void {
    if (this.isOperator(closer)) this.advance()
    else throw this.unexpectedInside(opener, closer, `"${closer}"`)
  }

  /** Deep nesting would otherwise end in a stack overflow instead of a ParseError. */
  private enter(): void {
    if (++this.depth > MAX_EXPRESSION_DEPTH) {
      throw expressionError(this.context, this.tooDeep(), this.token.start, this.token.end)
    }
  }

  private tooDeep(): string {
    return `expression ${quote(this.context.display)} is nested too deeply; at most ${MAX_EXPRESSION_DEPTH} levels`
  }

  private isOperator(value: Operator): boolean {
    return this.token.type === 'operator' && this.token.value === value
  }

  private advance(): void {
    this.previousEnd = this.token.end
    this.index++
    this.token = this.tokens[this.index] ?? this.token
  }

  private span(start: number): Position {
    return spanOf(this.context.locator, start, this.previousEnd)
  }

  /** At the end of input inside brackets the opener is the useful place to point at. */
  private unexpectedInside(opener: OperatorToken, closer: Operator, expected: string): Error {
    return this.token.type === 'eof' ? this.unclosed(opener, closer) : this.unexpected(expected)
  }

  private unclosed(opener: OperatorToken, closer: Operator): Error {
    const message = `unclosed "${opener.value}" in expression ${quote(this.context.display)}; expected "${closer}"`
    return expressionError(this.context, message, opener.start, opener.end)
  }

  private unexpected(expected: string): Error {
    return this.unexpectedToken(`expected ${expected}`)
  }

  /** `unexpected <token> in expression "<source>"; <hint>` pointing at the current token. */
  private unexpectedToken(hint: string): Error {
    const { token } = this
    const where = `expression ${quote(this.context.display)}`
    const shown = quote(this.context.display.slice(token.start, token.end))
    const what =
      token.type === 'eof' ? `end of ${where}` : `${isKeyword(token) ? 'keyword ' : ''}${shown} in ${where}`
    return expressionError(this.context, `unexpected ${what}; ${hint}`, token.start, token.end)
  }
}

function isKeyword(token: Token): token is NameToken {
  return token.type === 'name' && KEYWORDS.has(token.value)
}
