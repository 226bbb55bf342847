/** Punctuation and operator spellings the lexer produces (aliases such as `and` stay names). */
export type Operator =
  | '('
  | ')'
  | '['
  | ']'
  | '{'
  | '}'
  | ','
  | ':'
  | '?'
  | '.'
  | '+'
  | '-'
  | '*'
  | '/'
  | '//'
  | '%'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '!'
  | '&&'
  | '||'

interface TokenBase {
  /** Index of the first character in the tokenized text. */
  start: number
  /** Index after the last character. */
  end: number
}

export interface NumberToken extends TokenBase {
  type: 'number'
  value: number
}

export interface StringToken extends TokenBase {
  type: 'string'
  /** The decoded value, escapes resolved. */
  value: string
}

/** An identifier, keyword or literal word; the parser tells them apart. */
export interface NameToken extends TokenBase {
  type: 'name'
  value: string
}

export interface OperatorToken extends TokenBase {
  type: 'operator'
  value: Operator
}

export interface EndToken extends TokenBase {
  type: 'eof'
}

export type Token = NumberToken | StringToken | NameToken | OperatorToken | EndToken

/** Operator words; they can never name a variable, property or key. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'and',
  'or',
  'not',
  'in',
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
])

/** Words that are literal values, in both the lowercase and the Python spelling. */
export const LITERAL_WORDS: ReadonlyMap<string, boolean | null> = new Map([
  ['true', true],
  ['false', false],
  ['null', null],
  ['True', true],
  ['False', false],
  ['None', null],
])

/** Names that would reach an object's prototype machinery at run time. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])
