import { type DataNode, ErrorCodes, type TransformStep } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { evaluate } from '../expression/evaluate'
import { bindValue } from '../expression/template'
import { andThen, type MaybePromise, mapSequential } from '../maybe'
import { runtimeError } from '../run/errors'
import type { Context } from '../scope/context'
import { compareLoose, isPlainObject } from '../values/compare'
import { ConversionError } from '../values/convert'
import { convertWithin } from '../values/convertWithin'
import { createVars } from '../values/missing'
import { isNumeric, toNumberLoose } from '../values/numbers'
import { toText } from '../values/render'
import { truthy } from '../values/truthy'

type Row = Record<string, unknown>

/** `<q:data>`: records from a value, JSON or CSV, through `q:transform` steps into `name`. */
export const data: ExecutionHandler<DataNode> = (node, ctx) =>
  andThen(bindValue(node.source, ctx), (source) => {
    const rows = records(node, source, ctx)
    return andThen(transform(node.transform?.steps ?? [], rows, ctx), (result) => {
      ctx.assign(node.name, result)
      ctx.assign(`${node.name}_result`, { success: true, count: result.length, data: result })
      return undefined
    })
  })

function records(node: DataNode, source: unknown, ctx: Context): unknown[] {
  if (Array.isArray(source)) return source
  if (typeof source === 'string') {
    if (node.dataType === 'csv') return csv(source, node, ctx)
    try {
      const parsed = JSON.parse(source)
      if (Array.isArray(parsed)) return parsed
    } catch {
      // reported below
    }
  }
  throw runtimeError(
    ErrorCodes.RUNTIME_TYPE_ERROR,
    `q:data '${node.name}' needs an array (or JSON/CSV text), not ${toText(source) || 'null'}`,
    ctx.run.at(node),
  )
}

/**
 * Comma-separated text with a header row; quoted fields may hold commas and doubled quotes. Every
 * row gets every column, so the cells are counted against the value limit before they are built.
 */
function csv(text: string, node: DataNode, ctx: Context): Row[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '')
  const split = (line: string) => {
    const cells: string[] = []
    let cell = ''
    let quoted = false
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]
      if (quoted && ch === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = !quoted
      else if (ch === ',' && !quoted) {
        cells.push(cell)
        cell = ''
      } else cell += ch
    }
    cells.push(cell)
    return cells.map((value) => value.trim())
  }
  const [header, ...body] = lines.map(split)
  const cells = (header?.length ?? 0) * body.length
  ctx.run.checkLength(cells, ctx.run.at(node))
  ctx.run.charge(cells)
  return body.map((cells) => Object.fromEntries((header ?? []).map((name, i) => [name, cells[i] ?? ''])))
}

function transform(steps: TransformStep[], rows: unknown[], ctx: Context): MaybePromise<unknown[]> {
  let current: MaybePromise<unknown[]> = rows
  for (const step of steps) current = andThen(current, (items) => apply(step, items, ctx))
  return current
}

/** Each record's fields become variables of a scope nested in the current one. */
function within(row: unknown, ctx: Context): Context {
  return ctx.child('callback', createVars(isPlainObject(row) ? row : { value: row }))
}

function apply(step: TransformStep, rows: unknown[], ctx: Context): MaybePromise<unknown[]> {
  ctx.run.charge(rows.length)
  switch (step.type) {
    case 'filter':
      return andThen(
        mapSequential(rows, (row) => evaluate(step.condition, within(row, ctx))),
        (keep) => rows.filter((_row, i) => truthy(keep[i])),
      )
    case 'sort': {
      const sign = step.order === 'desc' ? -1 : 1
      const field = (row: unknown) => (isPlainObject(row) ? row[step.by] : undefined)
      return [...rows].sort((a, b) => compareForSort(field(a), field(b), sign))
    }
    case 'limit':
      return rows.slice(0, step.value)
    case 'compute':
      return mapSequential(rows, (row) =>
        andThen(evaluate(step.expression, within(row, ctx)), (value) => {
          let computed = value
          if (step.datatype && computed !== null) {
            try {
              computed = convertWithin(computed, step.datatype, ctx.run.bounds)
            } catch (error) {
              if (!(error instanceof ConversionError)) throw error
              throw runtimeError(
                ErrorCodes.RUNTIME_TYPE_ERROR,
                `compute '${step.field}': ${error.message}`,
                ctx.run.at(step),
              )
            }
          }
          return { ...(isPlainObject(row) ? row : { value: row }), [step.field]: computed }
        }),
      )
  }
}

/**
 * Order of two sort keys: numbers and numeric text numerically (CSV fields are text, and `"9"` comes
 * before `"120"`), else as comparisons do; a missing or null key goes last in either order.
 */
function compareForSort(a: unknown, b: unknown, sign: number): number {
  const absentA = a === null || a === undefined
  const absentB = b === null || b === undefined
  if (absentA || absentB) return absentA === absentB ? 0 : absentA ? 1 : -1
  if (isNumeric(a) && isNumeric(b))
    return sign * ((toNumberLoose(a) as number) - (toNumberLoose(b) as number))
  return sign * (compareLoose(a, b) ?? 0)
}
