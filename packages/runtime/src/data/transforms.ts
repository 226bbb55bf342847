import { type ComputeNode, ErrorCodes, type SortNode, type TransformStep } from '@quantum/ast'
import { evaluate } from '../expression/evaluate'
import { andThen, isPromise, type MaybePromise, mapSequential } from '../maybe'
import { runtimeError } from '../run/errors'
import type { Context } from '../scope/context'
import { compareLoose, isPlainObject } from '../values/compare'
import { ConversionError } from '../values/convert'
import { convertWithin } from '../values/convertWithin'
import { createVars } from '../values/missing'
import { isNumeric, toNumberLoose } from '../values/numbers'
import { truthy } from '../values/truthy'

/** Apply `steps` in order to an array of records. */
export function transform(
  steps: readonly TransformStep[],
  rows: unknown[],
  ctx: Context,
): MaybePromise<unknown[]> {
  let current: MaybePromise<unknown[]> = rows
  for (const step of steps) current = andThen(current, (items) => apply(step, items, ctx))
  return current
}

/**
 * The steps that can run on each record as it is read (filters, computes and limits before the
 * first sort), and the rest, which need them all. A limit among the first lets reading stop early.
 */
export function splitStreaming(steps: readonly TransformStep[]): {
  perRecord: PerRecordStep[]
  rest: TransformStep[]
} {
  const sort = steps.findIndex((step) => step.type === 'sort')
  const cut = sort === -1 ? steps.length : sort
  return { perRecord: steps.slice(0, cut) as PerRecordStep[], rest: steps.slice(cut) }
}

/** A step that needs only the record at hand. */
export type PerRecordStep = Exclude<TransformStep, SortNode>

/** What {@link RecordPipeline.push} tells the reader: keep reading, or stop (a limit is reached). */
export type Push = 'more' | 'done'

/** Runs per-record steps on records one at a time and keeps those that pass. */
export class RecordPipeline {
  readonly kept: unknown[] = []
  private readonly passed: number[]

  constructor(
    private readonly steps: readonly PerRecordStep[],
    private readonly ctx: Context,
  ) {
    this.passed = steps.map(() => 0)
  }

  /** Run the steps on one more record; `done` once a limit is reached (no later record can pass). */
  push(record: unknown): MaybePromise<Push> {
    return this.from(0, record)
  }

  private from(index: number, record: unknown): MaybePromise<Push> {
    let current = record
    for (let i = index; i < this.steps.length; i++) {
      const step = this.steps[i] as PerRecordStep
      this.ctx.run.charge(1)
      switch (step.type) {
        case 'limit': {
          const passed = this.passed[i] ?? 0
          if (passed >= step.value) return 'done'
          this.passed[i] = passed + 1
          break
        }
        case 'filter': {
          const keep = keeps(step.condition, current, this.ctx)
          if (isPromise(keep)) return keep.then((kept) => (kept ? this.from(i + 1, current) : 'more'))
          if (!keep) return 'more'
          break
        }
        case 'compute': {
          const next = compute(step, current, this.ctx)
          if (isPromise(next)) return next.then((computed) => this.from(i + 1, computed))
          current = next
          break
        }
      }
    }
    this.kept.push(current)
    return 'more'
  }
}

/** Each record's fields become variables of a scope nested in the current one. */
function within(row: unknown, ctx: Context): Context {
  return ctx.child('callback', createVars(isPlainObject(row) ? row : { value: row }))
}

function keeps(condition: Parameters<typeof evaluate>[0], row: unknown, ctx: Context): MaybePromise<boolean> {
  return andThen(evaluate(condition, within(row, ctx)), truthy)
}

/** The record with the computed field added (a new object: the source's records are left as they were). */
function compute(step: ComputeNode, row: unknown, ctx: Context): MaybePromise<unknown> {
  return andThen(evaluate(step.expression, within(row, ctx)), (value) => {
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
  })
}

function apply(step: TransformStep, rows: unknown[], ctx: Context): MaybePromise<unknown[]> {
  ctx.run.charge(rows.length)
  switch (step.type) {
    case 'filter':
      return andThen(
        mapSequential(rows, (row) => keeps(step.condition, row, ctx)),
        (keep) => rows.filter((_row, i) => keep[i]),
      )
    case 'sort': {
      const sign = step.order === 'desc' ? -1 : 1
      const field = (row: unknown) => (isPlainObject(row) ? row[step.by] : undefined)
      return [...rows].sort((a, b) => compareForSort(field(a), field(b), sign))
    }
    case 'limit':
      return rows.slice(0, step.value)
    case 'compute':
      return mapSequential(rows, (row) => compute(step, row, ctx))
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
