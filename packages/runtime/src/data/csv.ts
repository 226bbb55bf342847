import { Readable } from 'node:stream'
import type { ColumnNode, CsvOptions } from '@quantum/ast'
import { CsvError, Parser } from 'csv-parse'
import { convertCell } from './convertCell'
import { malformed } from './errors'
import type { Chunks } from './read'

/** What a CSV source is read with. */
export interface CsvReading {
  /** The source as the program named it, for errors. */
  label: string
  options: CsvOptions
  columns: readonly ColumnNode[]
  /** A WHATWG encoding label; UTF-8 when absent. */
  encoding: string | undefined
  /** Characters one record may have: a line that never ends cannot fill memory. */
  maxRecordSize: number
}

/** One record, and how many fields it has (what it costs to keep). */
export interface CsvRecord {
  record: Record<string, unknown>
  fields: number
}

interface Parsed {
  record: string[]
  raw: string
  /** The line the record ends on. */
  line: number
  /** 1 for the first record after the header. */
  row: number
}

/**
 * csv-parse's stream, each record tagged with the line it ends on and its number, read from the
 * parser's live `info` as it is pushed: cheaper than `info: true`, which copies every counter (and
 * the columns) into each record.
 */
class LinedParser extends Parser {
  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding)
    const parsed = chunk as Parsed
    parsed.line = this.info.lines
    parsed.row = this.info.records
    return super.push(parsed, encoding)
  }
}

/**
 * The records of CSV bytes as they arrive, through `csv-parse` (quoted fields, embedded line breaks,
 * any delimiter and quote): objects named by the header row, or by the `q:column`s in order when
 * there is none (else `"0"`, `"1"`… as upstream), each declared column converted to its type. Only
 * one chunk and one record are held at a time; leaving the loop early stops the reading.
 *
 * @throws RuntimeError `RUNTIME_DATA_FORMAT` (a malformed row: line and column), `RUNTIME_TYPE_ERROR`
 *   (a cell that does not convert: row, column name, expected type)
 */
export async function* csvRecords(chunks: Chunks, reading: CsvReading): AsyncGenerator<CsvRecord> {
  const { label, options } = reading
  const parser = new LinedParser({
    delimiter: options.delimiter,
    quote: options.quote,
    // Arrays, named here: csv-parse's own objects cost a property definition per cell.
    columns: false,
    from_line: options.skipRows + 1,
    skip_empty_lines: true,
    bom: true,
    raw: true,
    max_record_size: reading.maxRecordSize,
  })
  const source = Readable.from(decoded(chunks, reading.encoding), { objectMode: false })
  source.on('error', (error) => parser.destroy(error))
  source.pipe(parser)
  let names: string[] | undefined
  let conversions: { index: number; column: ColumnNode }[] = []
  try {
    for await (const parsed of parser as AsyncIterable<Parsed>) {
      const cells = parsed.record
      if (names === undefined) {
        names = namesOf(cells, parsed, reading)
        conversions = reading.columns.map((column) => ({ index: names?.indexOf(column.name) ?? -1, column }))
        if (options.header) continue
      }
      const row = options.header ? parsed.row - 1 : parsed.row
      // No prototype: a column may be called `__proto__`.
      const record: Record<string, unknown> = Object.create(null)
      for (let i = 0; i < names.length; i++) record[names[i] as string] = cells[i]
      for (const { index, column } of conversions) {
        record[column.name] = convertCell(cells[index], column.datatype, () => ({
          source: label,
          row,
          line: startLine(parsed.line, parsed.raw),
          column: column.name,
          expected: column.datatype,
        }))
      }
      yield { record, fields: cells.length }
    }
  } catch (error) {
    throw error instanceof CsvError ? located(error, label) : error
  } finally {
    source.destroy()
    parser.destroy()
  }
}

/**
 * The field names, from the first record: the header row's (checked: no name twice, every declared
 * column among them), the declared columns' (as many as the record has fields), or `"0"`, `"1"`….
 */
function namesOf(first: string[], parsed: Parsed, reading: CsvReading): string[] {
  const line = startLine(parsed.line, parsed.raw)
  const { columns } = reading
  if (!reading.options.header) {
    if (columns.length === 0) return first.map((_cell, index) => String(index))
    if (first.length !== columns.length) {
      throw malformed(
        'CSV',
        reading.label,
        { line, column: 1 },
        `a record has ${first.length} fields where ${columns.length} columns are declared`,
      )
    }
    return columns.map((column) => column.name)
  }
  const seen = new Set<string>()
  for (const [index, name] of first.entries()) {
    if (seen.has(name)) {
      throw malformed('CSV', reading.label, { line, column: index + 1 }, `the header names '${name}' twice`)
    }
    seen.add(name)
  }
  for (const column of columns) {
    if (!seen.has(column.name)) {
      throw malformed(
        'CSV',
        reading.label,
        { line },
        `the header has no column '${column.name}' (it has ${first.map((name) => `'${name}'`).join(', ')})`,
      )
    }
  }
  return first
}

/** A csv-parse error as `RUNTIME_DATA_FORMAT` at the line and column where the row went wrong. */
function located(error: CsvError, label: string) {
  const raw = typeof error.raw === 'string' ? error.raw : ''
  const lines = typeof error.lines === 'number' ? error.lines : undefined
  const reason = error.message.replace(/ (at|on) line \d+/, '')
  if (lines === undefined) return malformed('CSV', label, {}, reason)
  // A row refused whole (its length) is placed at its start; a bad character where the parser stopped.
  if (raw === '' || raw.endsWith('\n'))
    return malformed('CSV', label, { line: startLine(lines, raw), column: 1 }, reason)
  return malformed('CSV', label, { line: lines, column: raw.length - raw.lastIndexOf('\n') }, reason)
}

/** The line a record starts on, from the line it ends on and its raw text (blank lines before it dropped). */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '')
  let breaks = 0
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) breaks++
  return endLine - breaks
}

/** Bytes as they come for UTF-8 (csv-parse decodes them); text decoded chunk by chunk for other encodings. */
async function* decoded(chunks: Chunks, encoding: string | undefined): AsyncGenerator<Uint8Array | string> {
  const decoder = encoding === undefined ? undefined : new TextDecoder(encoding)
  if (!decoder || decoder.encoding === 'utf-8') {
    yield* chunks
    return
  }
  for await (const chunk of chunks)
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
  const rest = decoder.decode()
  if (rest !== '') yield rest
}
