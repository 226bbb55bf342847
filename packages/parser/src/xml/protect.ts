/**
 * Users write raw `<` in SQL (`expires_at < NOW()`) and stray `&` in text (`a && b`), which XML
 * forbids. Before xmldom sees the source, such characters become private-use placeholders of the same
 * length (so every offset, line and column stays true), and are turned back when values are read.
 * The same pass records where every start tag, attribute and end tag is, for exact node positions.
 */
export const LT_PLACEHOLDER = '\uE000'
export const AMP_PLACEHOLDER = '\uE001'
/** Stands for the first `-` of a `--` inside a comment. */
const COMMENT_DASH = '\uE002'

/** Where an attribute sits: its name, and its value between the quotes. */
export interface AttributeSpan {
  name: string
  nameStart: number
  valueStart: number
  valueEnd: number
}

/**
 * Where an element sits: from `<` of the start tag to just after the `>` of its end tag; its
 * content runs from just after the start tag to the `<` of the end tag (empty when self-closing).
 */
export interface ElementSpan {
  name: string
  start: number
  end: number
  content: { start: number; end: number }
  attributes: AttributeSpan[]
}

export interface ProtectedSource {
  text: string
  /** Elements in document order (the order of their start tags). */
  elements: ElementSpan[]
  /**
   * The first end tag that does not close the element open at that point; `unclosed` when it closes
   * an element further out (so the open one was never closed).
   */
  mismatch?: { offset: number; found: string; expected: ElementSpan; unclosed: boolean }
  /** The innermost element still open at the end of the source. */
  unclosed?: ElementSpan
}

/** `[A-Za-z_:]` and any non-ASCII letter, by char code (this runs once per character of a document). */
function isNameStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 58 || code > 127
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57) || code === 45 || code === 46
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13
}
const ENTITY = /^&(?:[A-Za-z_][A-Za-z0-9_.-]*|#[0-9]+|#x[0-9A-Fa-f]+);/
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos'])

/** Replace the characters XML would reject and map the tags; see the module comment. */
export function protectSource(source: string): ProtectedSource {
  const out: string[] = []
  const elements: ElementSpan[] = []
  const open: ElementSpan[] = []
  let mismatch: ProtectedSource['mismatch']
  let i = 0
  let copied = 0
  const flush = (to: number) => {
    if (to > copied) out.push(source.slice(copied, to))
    copied = to
  }
  const replaceAt = (at: number, placeholder: string) => {
    flush(at)
    out.push(placeholder)
    copied = at + 1
  }
  const length = source.length
  // Next `<` and `&` at or after i, found with indexOf and reused until passed (never rescanned).
  let lt = -2
  let amp = -2
  while (i < length) {
    const ch = source.charCodeAt(i)
    if (ch !== 38 && ch !== 60) {
      if (lt !== -1 && lt < i) lt = source.indexOf('<', i)
      if (amp !== -1 && amp < i) amp = source.indexOf('&', i)
      const stop = lt === -1 ? amp : amp === -1 ? lt : Math.min(lt, amp)
      i = stop === -1 ? length : stop
      continue
    }
    if (ch === 38 /* & */) {
      if (!isKnownEntity(source, i)) replaceAt(i, AMP_PLACEHOLDER)
      i++
      continue
    }
    if (ch !== 60 /* < */) {
      i++
      continue
    }
    const next = source[i + 1] ?? ''
    const nextCode = source.charCodeAt(i + 1)
    if (source.startsWith('<!--', i)) {
      const end = skipPast(source, i + 4, '-->')
      // XML forbids `--` inside a comment (`<!-- run with --param -->`); comments are dropped anyway.
      for (
        let dash = source.indexOf('--', i + 4);
        dash !== -1 && dash < end - 3;
        dash = source.indexOf('--', dash + 2)
      ) {
        replaceAt(dash, COMMENT_DASH)
      }
      i = end
    } else if (source.startsWith('<![CDATA[', i)) {
      i = skipPast(source, i + 9, ']]>')
    } else if (next === '?' || next === '!') {
      i = skipPast(source, i + 2, '>')
    } else if (next === '/' && isNameStart(source.charCodeAt(i + 2))) {
      const close = skipPast(source, i + 2, '>')
      let nameEnd = i + 2
      while (nameEnd < length && isNameChar(source.charCodeAt(nameEnd))) nameEnd++
      const found = source.slice(i + 2, nameEnd)
      const span = open.pop()
      if (span) {
        span.end = close
        span.content.end = i
      }
      if (span && span.name !== found) {
        mismatch ??= {
          offset: i,
          found,
          expected: span,
          unclosed: open.some((outer) => outer.name === found),
        }
      }
      i = close
    } else if (isNameStart(nextCode)) {
      i = scanStartTag(source, i, { elements, open, replaceAt })
    } else {
      // `<` followed by whitespace, `=`, a digit, `>` (SQL `<>`), `-` or `(`: text, not markup.
      if (
        next === '' ||
        isSpace(nextCode) ||
        nextCode === 61 ||
        (nextCode >= 48 && nextCode <= 57) ||
        next === '>' ||
        next === '-' ||
        next === '('
      ) {
        replaceAt(i, LT_PLACEHOLDER)
      }
      i++
    }
  }
  flush(length)
  const result: ProtectedSource = { text: out.join(''), elements }
  if (mismatch) result.mismatch = mismatch
  const unclosed = open[open.length - 1]
  if (unclosed) result.unclosed = unclosed
  return result
}

interface TagState {
  elements: ElementSpan[]
  open: ElementSpan[]
  replaceAt: (at: number, placeholder: string) => void
}

/** The attributes of a tag that has none yet (most tags): one shared array, never pushed to. */
const NO_ATTRIBUTES: AttributeSpan[] = Object.freeze([]) as never[]

function scanStartTag(source: string, start: number, state: TagState): number {
  let i = start + 1
  while (i < source.length && isNameChar(source.charCodeAt(i))) i++
  const span: ElementSpan = {
    name: source.slice(start + 1, i),
    start,
    end: source.length,
    content: { start: source.length, end: source.length },
    attributes: NO_ATTRIBUTES,
  }
  state.elements.push(span)
  while (i < source.length) {
    const ch = source[i] as string
    if (ch === '>') {
      span.content.start = i + 1
      state.open.push(span)
      return i + 1
    }
    if (ch === '/' && source[i + 1] === '>') {
      span.end = i + 2
      span.content = { start: i + 2, end: i + 2 }
      return i + 2
    }
    if (isNameStart(source.charCodeAt(i))) {
      const nameStart = i
      while (i < source.length && isNameChar(source.charCodeAt(i))) i++
      const name = source.slice(nameStart, i)
      while (i < source.length && isSpace(source.charCodeAt(i))) i++
      if (source[i] !== '=') continue
      i++
      while (i < source.length && isSpace(source.charCodeAt(i))) i++
      const quote = source[i]
      if (quote !== '"' && quote !== "'") continue
      const valueStart = i + 1
      i = valueStart
      while (i < source.length && source[i] !== quote) {
        if (source[i] === '<') state.replaceAt(i, LT_PLACEHOLDER)
        else if (source[i] === '&' && !isKnownEntity(source, i)) state.replaceAt(i, AMP_PLACEHOLDER)
        i++
      }
      const attribute = { name, nameStart, valueStart, valueEnd: i }
      if (span.attributes === NO_ATTRIBUTES) span.attributes = [attribute]
      else span.attributes.push(attribute)
      i++
      continue
    }
    if (ch === '<') {
      // An unterminated tag: let xmldom report it where it is.
      state.open.push(span)
      return i
    }
    i++
  }
  return i
}

function isKnownEntity(source: string, at: number): boolean {
  const match = ENTITY.exec(source.slice(at, at + 12))
  if (!match) return false
  const name = match[0].slice(1, -1)
  return name.startsWith('#') || XML_ENTITIES.has(name)
}

function skipPast(source: string, from: number, terminator: string): number {
  const at = source.indexOf(terminator, from)
  return at === -1 ? source.length : at + terminator.length
}
