/**
 * Placeholder syntax of a driver: `?` (SQLite, MySQL/MariaDB), `$1…$n` (PostgreSQL), or a function
 * giving the text that stands for each `:name` (holding one `?`, like `CAST(? AS INTEGER)`).
 */
export type PlaceholderStyle = 'question' | 'dollar' | ((name: string) => string)

/** SQL rewritten for a driver, with the parameter names its placeholders stand for. */
export interface BoundSql {
  /** The SQL with every `:name` replaced by the driver's placeholder. */
  text: string
  /**
   * The names behind the placeholders: one entry per `?` in order, or for `$n` the name of `$1`, `$2`…
   * (a name used twice shares its number, so it appears once).
   */
  names: string[]
}

type Piece = { kind: 'sql'; text: string } | { kind: 'param'; name: string }

/**
 * Replaces each `:name` placeholder with `?` or `$n`. Text inside string literals, quoted identifiers,
 * dollar-quoted bodies and comments is left alone, and so are PostgreSQL `::type` casts.
 */
export function bindNamedParameters(sql: string, style: PlaceholderStyle): BoundSql {
  const names: string[] = []
  const numbers = new Map<string, number>()
  let text = ''
  for (const piece of scan(sql)) {
    if (piece.kind === 'sql') {
      text += piece.text
    } else if (style !== 'dollar') {
      names.push(piece.name)
      text += style === 'question' ? '?' : style(piece.name)
    } else {
      let number = numbers.get(piece.name)
      if (number === undefined) {
        names.push(piece.name)
        number = names.length
        numbers.set(piece.name, number)
      }
      text += `$${number}`
    }
  }
  return { text, names }
}

/** The distinct `:name` placeholders of a statement, in order of first use. */
export function placeholderNames(sql: string): string[] {
  const names = new Set<string>()
  for (const piece of scan(sql)) if (piece.kind === 'param') names.add(piece.name)
  return [...names]
}

const NAME_START = /[A-Za-z_]/
const NAME_PART = /\w/
const DOLLAR_TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/

function* scan(sql: string): Generator<Piece> {
  let start = 0
  let i = 0
  const flush = function* (end: number): Generator<Piece> {
    if (end > start) yield { kind: 'sql', text: sql.slice(start, end) }
  }
  while (i < sql.length) {
    const char = sql[i]!
    const next = sql[i + 1]
    if (char === "'" || char === '"' || char === '`') {
      i = skipQuoted(sql, i, char)
    } else if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', i)
      i = end === -1 ? sql.length : end
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2)
      i = end === -1 ? sql.length : end + 2
    } else if (char === '$' && !NAME_PART.test(sql[i - 1] ?? '')) {
      i = skipDollarQuoted(sql, i)
    } else if (char === ':' && next === ':') {
      i += 2
    } else if (char === ':' && next !== undefined && NAME_START.test(next)) {
      let end = i + 2
      while (end < sql.length && NAME_PART.test(sql[end]!)) end++
      yield* flush(i)
      yield { kind: 'param', name: sql.slice(i + 1, end) }
      start = end
      i = end
    } else {
      i++
    }
  }
  yield* flush(sql.length)
}

/** Index after a quoted run that starts at `open`; a doubled quote is an escaped quote. */
function skipQuoted(sql: string, open: number, quote: string): number {
  let i = open + 1
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) {
        i += 2
        continue
      }
      return i + 1
    }
    i++
  }
  return sql.length
}

/** Index after a PostgreSQL `$tag$…$tag$` body, or just past the `$` when there is none. */
function skipDollarQuoted(sql: string, open: number): number {
  const tag = DOLLAR_TAG.exec(sql.slice(open, open + 64))?.[0]
  if (!tag) return open + 1
  const end = sql.indexOf(tag, open + tag.length)
  return end === -1 ? sql.length : end + tag.length
}
