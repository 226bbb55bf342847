import { createHash } from 'node:crypto'
import { type Bindable, type DataNode, ErrorCodes, type QuantumError } from '@quantum/ast'
import { DataCache } from '../data/cache'
import { type Loaded, load } from '../data/load'
import { classifySource, type DataSource, withHeaders } from '../data/source'
import { splitStreaming, transform } from '../data/transforms'
import type { ExecutionHandler, Flow } from '../execute'
import { durationMs } from '../expression/duration'
import { bindValue } from '../expression/template'
import { andThen, isPromise, type MaybePromise } from '../maybe'
import { locate, runtimeError } from '../run/errors'
import { asRunStop } from '../run/stopped'
import type { RuntimeServices } from '../runtimeTypes'
import type { Context } from '../scope/context'
import { toText } from '../values/render'
import { errorValue, UNCATCHABLE } from './try'

/** One cache per runtime's services: what a host process shares between its runs. */
const CACHES = new WeakMap<RuntimeServices, DataCache>()

/**
 * `<q:data>`: records from a file, a URL, inline text or a value, read as JSON, CSV or XML, through
 * `q:transform` into `name`; `<name>_result` (and `result`, when given) gets `{ success, recordCount,
 * loadTime, source, cached, error }`. A failure throws, or with `result` is recorded there and the
 * run goes on with no records.
 */
export const data: ExecutionHandler<DataNode> = (node, ctx) => {
  const started = performance.now()
  let label = node.source === undefined ? 'inline' : written(node.source)
  let cached = false
  const finish = (records: unknown[], error: QuantumError | null): Flow => {
    const outcome = {
      success: error === null,
      recordCount: records.length,
      loadTime: Math.round((performance.now() - started) * 100) / 100,
      source: label,
      cached,
      error: error === null ? null : { ...errorValue(error), details: error.details ?? {} },
    }
    ctx.assign(node.name, records)
    ctx.assign(`${node.name}_result`, outcome)
    if (node.result) ctx.assign(node.result, { ...outcome })
    return undefined
  }
  const fail = (error: unknown): Flow => {
    const located = locate(asRunStop(error, ctx, node), ctx.run.at(node))
    if (node.result === undefined || UNCATCHABLE.has(located.code)) throw located
    return finish([], located)
  }
  try {
    const records = andThen(node.source === undefined ? undefined : bindValue(node.source, ctx), (value) => {
      const source = classifySource(node, value, label)
      if (!source) {
        throw runtimeError(
          ErrorCodes.RUNTIME_TYPE_ERROR,
          `q:data '${node.name}' needs an array, a path, a URL or content, not ${toText(value) || 'null'}`,
          ctx.run.at(node),
        )
      }
      label = source.label
      return andThen(withHeaders(node, source, ctx), (ready) => read(node, ready, ctx, () => (cached = true)))
    })
    return isPromise(records) ? records.then((rows) => finish(rows, null), fail) : finish(records, null)
  } catch (error) {
    return fail(error)
  }
}

/** Load and transform, through the cache when `cache="true"` (records are cached before any step). */
function read(node: DataNode, source: DataSource, ctx: Context, hit: () => void): MaybePromise<unknown[]> {
  const steps = node.transform?.steps ?? []
  if (!node.cache || source.kind === 'records') {
    const { perRecord, rest } = splitStreaming(steps)
    const streamed = node.dataType === 'csv'
    return andThen(load(node, source, streamed ? perRecord : [], ctx), (loaded) =>
      transform(streamed ? rest : steps, loaded.records, ctx),
    )
  }
  const cache = cacheOf(ctx.run.services)
  const key = cacheKey(node, source, ctx)
  const stored = cache.get(key)
  if (stored) {
    hit()
    return transform(steps, stored, ctx)
  }
  const ttl = node.cache.ttl
  return andThen(load(node, source, [], ctx), (loaded: Loaded) =>
    andThen(typeof ttl === 'number' ? ttl : durationMs(ttl, ctx, node), (ttlMs) => {
      cache.set(key, loaded.records, loaded.size, ttlMs)
      return transform(steps, loaded.records, ctx)
    }),
  )
}

function cacheOf(services: RuntimeServices): DataCache {
  let cache = CACHES.get(services)
  if (!cache) {
    cache = new DataCache()
    CACHES.set(services, cache)
  }
  return cache
}

/**
 * Source and options: the same file, URL (with its bound headers) or text read the same way is the
 * same entry. Hashed, so that inline text or a secret header is not kept as a key.
 */
function cacheKey(node: DataNode, source: DataSource, ctx: Context): string {
  const where = source.kind === 'file' ? { file: source.path, from: ctx.run.file ?? null } : source
  const identity = JSON.stringify([
    node.dataType,
    where,
    node.encoding ?? null,
    node.csv ?? null,
    node.columns?.map((column) => [column.name, column.datatype]) ?? null,
    node.xpath ?? null,
    node.fields?.map((field) => [field.name, field.xpath, field.datatype]) ?? null,
  ])
  return createHash('sha256').update(identity).digest('base64')
}

/** An attribute as the program wrote it (`{orders}`, `data/{day}.csv`). */
function written(value: Bindable): string {
  if (typeof value === 'string') return value
  return value.parts.map((part) => (typeof part === 'string' ? part : `{${part.source}}`)).join('')
}
