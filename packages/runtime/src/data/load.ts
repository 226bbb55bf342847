import { type DataNode, ErrorCodes } from '@quantum/ast'
import { andThen, isPromise, type MaybePromise } from '../maybe'
import { runtimeError } from '../run/errors'
import { need } from '../run/need'
import type { Context } from '../scope/context'
import { toText } from '../values/render'
import { csvRecords } from './csv'
import { jsonRecords } from './json'
import { type OpenedSource, openFile, openUrl, type ReadContext, readAll, readFile } from './read'
import type { DataSource } from './source'
import { type PerRecordStep, RecordPipeline } from './transforms'
import { xmlRecords } from './xml'
import { xpathProblem } from './xpath'

/** Records read from a source, and how many bytes of text they came from (what caching them costs). */
export interface Loaded {
  records: unknown[]
  size: number
}

/**
 * Read the records of `source` as `node` says. `perRecord` steps run on each CSV record as it is read
 * (so a limit stops the reading early); for other formats, and without them, every record is returned.
 */
export function load(
  node: DataNode,
  source: DataSource,
  perRecord: readonly PerRecordStep[],
  ctx: Context,
): MaybePromise<Loaded> {
  switch (source.kind) {
    case 'records':
      return { records: source.records, size: 0 }
    case 'text':
      if (node.dataType === 'csv')
        return readCsv(
          node,
          source.label,
          { chunks: [source.text], close: async () => undefined },
          perRecord,
          ctx,
        )
      return andThen(parseText(node, source.text, source.label, ctx), (records) => ({
        records,
        size: source.text.length,
      }))
    case 'file':
    case 'url':
      return withLocation(node, source, perRecord, ctx)
  }
}

/**
 * A file or URL source: CSV streams (a file through `Files.stream`, a URL through the HTTP client);
 * JSON and XML are read whole, a file within the host's read cap, a response within its body cap.
 */
function withLocation(
  node: DataNode,
  source: Extract<DataSource, { kind: 'file' | 'url' }>,
  perRecord: readonly PerRecordStep[],
  ctx: Context,
): Promise<Loaded> {
  const context: ReadContext = { from: ctx.run.file, signal: ctx.run.signal }
  const site = ctx.run.at(node)
  let bytes: Promise<Uint8Array>
  if (source.kind === 'url') {
    const opened = openUrl(need(ctx, 'http', 'data', site), source.url, source.headers, context)
    if (node.dataType === 'csv')
      return opened.then((input) => readCsv(node, source.label, input, perRecord, ctx))
    bytes = opened.then(readAll)
  } else {
    const files = need(ctx, 'files', 'data', site)
    if (node.dataType === 'csv') {
      return openFile(files, source.path, context).then((input) =>
        readCsv(node, source.label, input, perRecord, ctx),
      )
    }
    bytes = readFile(files, source.path, context)
  }
  return bytes.then(async (content) => {
    const text = new TextDecoder(node.encoding ?? 'utf-8').decode(content)
    return { records: await parseText(node, text, source.label, ctx), size: content.byteLength }
  })
}

/** JSON, XML, or (for `transform`/`array`) JSON that must be an array. */
function parseText(node: DataNode, text: string, label: string, ctx: Context): MaybePromise<unknown[]> {
  switch (node.dataType) {
    case 'xml':
      return xmlRecords(text, {
        label,
        records: checked(node.xpath ?? '', node, ctx),
        fields: (node.fields ?? []).map((field) => ({
          node: field,
          xpath: checked(field.xpath, field, ctx),
        })),
        charge: (units) => ctx.run.charge(units),
        signal: ctx.run.signal,
      })
    case 'json':
      return jsonRecords(text, label)
    default: {
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        parsed = undefined
      }
      if (Array.isArray(parsed)) return parsed
      throw runtimeError(
        ErrorCodes.RUNTIME_TYPE_ERROR,
        `q:data '${node.name}' needs an array (or JSON text of one), not ${toText(text) || 'null'}`,
        ctx.run.at(node),
      )
    }
  }
}

function checked(text: string, site: { position?: DataNode['position'] }, ctx: Context): string {
  const problem = xpathProblem(text)
  if (problem !== undefined) {
    throw runtimeError(ErrorCodes.RUNTIME_ERROR, `Invalid XPath '${text}': ${problem}`, ctx.run.at(site))
  }
  return text
}

/**
 * Stream CSV records through the per-record steps, keeping those that pass; the cells kept count
 * against the run's value limit, each record against its steps, and a reached limit stops the read.
 */
async function readCsv(
  node: DataNode,
  label: string,
  input: OpenedSource,
  perRecord: readonly PerRecordStep[],
  ctx: Context,
): Promise<Loaded> {
  const pipeline = new RecordPipeline(perRecord, ctx)
  const site = ctx.run.at(node)
  let size = 0
  let cells = 0
  async function* counted() {
    for await (const chunk of input.chunks) {
      size += typeof chunk === 'string' ? chunk.length : chunk.byteLength
      yield chunk
    }
  }
  const reading = {
    label,
    options: node.csv ?? { delimiter: ',', quote: '"', header: true, skipRows: 0 },
    columns: node.columns ?? [],
    encoding: node.encoding,
    maxRecordSize: ctx.run.limits.maxValueLength,
  }
  try {
    for await (const { record, fields } of csvRecords(counted(), reading)) {
      ctx.run.charge(fields)
      const before = pipeline.kept.length
      const pushed = pipeline.push(record)
      const outcome = isPromise(pushed) ? await pushed : pushed
      if (pipeline.kept.length > before) {
        cells += fields
        ctx.run.checkLength(cells, site)
      }
      if (outcome === 'done') break
    }
  } finally {
    await input.close()
  }
  return { records: pipeline.kept, size }
}
