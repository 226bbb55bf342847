/** One token of SQLite's SQL, as far as this module needs to tell them apart. */
interface Token {
  kind: 'word' | 'string' | 'quoted' | 'param' | 'semicolon' | 'other'
  text: string
  start: number
  end: number
}

/** What a statement is, read the way SQLite reads it (strings, quoted names and comments skipped). */
export interface SqliteStatementShape {
  /** The first keyword, upper-cased (`''` when there is none). */
  keyword: string
  /** Another statement follows the first one (SQLite would silently skip it). */
  more: boolean
  /** `VACUUM … INTO`: it writes a new database file. */
  vacuumInto: boolean
  /** The word RETURNING appears outside strings and quoted names: the statement may return rows. */
  returning: boolean
  /**
   * A query that only reads: `SELECT`, `VALUES`, or `WITH …` with no INSERT, UPDATE, DELETE or
   * REPLACE INTO (a `LIMIT` written after it bounds its rows, nothing else).
   */
  query: boolean
  /**
   * The file an `ATTACH` opens or `VACUUM INTO` writes, when it is one literal, name or `:param`
   * (`null` when it is any other expression: it cannot be checked, so it is refused).
   */
  target?: FileOperand | null
  /**
   * The PRAGMA the statement runs (also behind `EXPLAIN [QUERY PLAN]`, since SQLite applies some
   * PRAGMAs while it prepares them): its name, lower-cased, without the schema, and how it is given a
   * value: `=` (`set`), in parentheses (`call`), or not at all (`none`).
   */
  pragma?: { name: string; value: 'none' | 'set' | 'call' }
}

/** The file operand of `ATTACH` / `VACUUM INTO`, where it sits in the text. */
export interface FileOperand {
  /** The literal or name, unquoted, or the parameter's name for `:param`. */
  value: string
  param: boolean
  start: number
  end: number
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/
const WORD_PART = /[\w$\u0080-\uffff]/

function* tokenize(sql: string): Generator<Token> {
  let i = 0
  while (i < sql.length) {
    const char = sql[i] as string
    const next = sql[i + 1]
    const start = i
    if (/\s/.test(char)) {
      i++
      continue
    }
    if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', i)
      i = end === -1 ? sql.length : end + 1
      continue
    }
    if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2)
      i = end === -1 ? sql.length : end + 2
      continue
    }
    let kind: Token['kind'] = 'other'
    if (char === "'" || char === '"' || char === '`') {
      i = closing(sql, i, char)
      kind = char === "'" ? 'string' : 'quoted'
    } else if (char === '[') {
      const end = sql.indexOf(']', i)
      i = end === -1 ? sql.length : end + 1
      kind = 'quoted'
    } else if ((char === 'x' || char === 'X') && next === "'") {
      i = closing(sql, i + 1, "'")
    } else if (WORD_START.test(char)) {
      while (i < sql.length && WORD_PART.test(sql[i] as string)) i++
      kind = 'word'
    } else if (
      (char === ':' || char === '@' || char === '$') &&
      next !== undefined &&
      WORD_START.test(next)
    ) {
      i += 2
      while (i < sql.length && WORD_PART.test(sql[i] as string)) i++
      kind = 'param'
    } else {
      i++
      if (char === ';') kind = 'semicolon'
    }
    yield { kind, text: sql.slice(start, i), start, end: i }
  }
}

/** Index after a quoted run opened at `open`; a doubled quote stays inside. */
function closing(sql: string, open: number, quote: string): number {
  let i = open + 1
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return i + 1
      i++
    }
    i++
  }
  return sql.length
}

const isWord = (token: Token | undefined, word: string) =>
  token?.kind === 'word' && token.text.toUpperCase() === word

/** The tokens of the first statement, and whether anything but `;` follows it. */
function firstStatement(sql: string): { tokens: Token[]; more: boolean } {
  const tokens: Token[] = []
  let ended = false
  for (const token of tokenize(sql)) {
    if (ended) {
      if (token.kind !== 'semicolon') return { tokens, more: true }
      continue
    }
    if (token.kind !== 'semicolon') {
      tokens.push(token)
      continue
    }
    // A trigger's body holds `;`s of its own: it ends with `; END;`.
    if (tokens.length > 0 && (!isTrigger(tokens) || isEndOfTrigger(tokens))) ended = true
    else if (tokens.length > 0) tokens.push(token)
  }
  return { tokens, more: false }
}

function isTrigger(tokens: Token[]): boolean {
  const [first, second, third] = tokens
  return (
    isWord(first, 'CREATE') &&
    (isWord(second, 'TRIGGER') ||
      ((isWord(second, 'TEMP') || isWord(second, 'TEMPORARY')) && isWord(third, 'TRIGGER')))
  )
}

function isEndOfTrigger(tokens: Token[]): boolean {
  return isWord(tokens.at(-1), 'END') && tokens.at(-2)?.kind === 'semicolon'
}

/** The value of a quoted literal or name, or a bare name as it is. */
function unquote(token: Token): string {
  if (token.kind !== 'string' && token.kind !== 'quoted') return token.text
  const open = token.text[0] as string
  const body = token.text.slice(1, -1)
  return open === '[' ? body : body.replaceAll(open + open, open)
}

function operand(token: Token | undefined, names: boolean): FileOperand | null {
  if (!token) return null
  const param = token.kind === 'param' && token.text.startsWith(':')
  if (!param && token.kind !== 'string' && token.kind !== 'quoted' && !(names && token.kind === 'word')) {
    return null
  }
  return { value: param ? token.text.slice(1) : unquote(token), param, start: token.start, end: token.end }
}

/** Reads the first keyword of `sql`, whether more statements follow, and what an `ATTACH`/`VACUUM INTO` targets. */
export function inspectSqlite(sql: string): SqliteStatementShape {
  const { tokens, more } = firstStatement(sql)
  const keyword = tokens[0]?.kind === 'word' ? tokens[0].text.toUpperCase() : ''
  const returning = tokens.some((token) => isWord(token, 'RETURNING'))
  const shape: SqliteStatementShape = { keyword, more, vacuumInto: false, returning, query: isQuery(tokens) }
  const pragma = pragmaOf(tokens)
  if (pragma) shape.pragma = pragma
  if (keyword === 'ATTACH') {
    // ATTACH [DATABASE] file AS schema …: a bare name is a file name too.
    const at = isWord(tokens[1], 'DATABASE') ? 2 : 1
    shape.target = isWord(tokens[at + 1], 'AS') ? operand(tokens[at], true) : null
  } else if (keyword === 'VACUUM') {
    const into = tokens.findIndex((token) => isWord(token, 'INTO'))
    if (into !== -1) {
      shape.vacuumInto = true
      shape.target = into === tokens.length - 2 ? operand(tokens[into + 1], false) : null
    }
  }
  return shape
}

const WRITES = ['INSERT', 'UPDATE', 'DELETE']

function isQuery(tokens: Token[]): boolean {
  const [first] = tokens
  if (isWord(first, 'SELECT') || isWord(first, 'VALUES')) return true
  if (!isWord(first, 'WITH')) return false
  return !tokens.some(
    (token, i) =>
      WRITES.some((word) => isWord(token, word)) ||
      (isWord(token, 'REPLACE') && isWord(tokens[i + 1], 'INTO')),
  )
}

/** `PRAGMA [schema.]name [= value | (value)]`, after any `EXPLAIN [QUERY PLAN]`. */
function pragmaOf(tokens: Token[]): SqliteStatementShape['pragma'] {
  let at = 0
  if (isWord(tokens[at], 'EXPLAIN')) at++
  if (isWord(tokens[at], 'QUERY') && isWord(tokens[at + 1], 'PLAN')) at += 2
  if (!isWord(tokens[at], 'PRAGMA')) return undefined
  let name = tokens[at + 1]
  let next = tokens[at + 2]
  if (next?.text === '.') {
    name = tokens[at + 3]
    next = tokens[at + 4]
  }
  const value = next === undefined ? 'none' : next.text === '=' ? 'set' : next.text === '(' ? 'call' : 'set'
  return { name: name ? unquote(name).toLowerCase() : '', value }
}

/** `sql` up to the end of its last token other than `;`: what can stand inside parentheses. */
export function withoutTrailingSemicolons(sql: string): string {
  let end = 0
  for (const token of tokenize(sql)) if (token.kind !== 'semicolon') end = token.end
  return sql.slice(0, end)
}

/** A SQL string literal of `text`. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}
