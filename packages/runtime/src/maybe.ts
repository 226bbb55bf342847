/**
 * Most statements and expressions finish synchronously; only queries, mail, HTTP, sleep and the
 * periodic yield to the event loop are asynchronous. Values flow as `T | Promise<T>` and these helpers
 * continue synchronously whenever they can, so a tight loop never pays for a microtask per step.
 */
export type MaybePromise<T> = T | Promise<T>

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}

/** `next(value)` now, or after the promise settles. */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise(value) ? value.then(next) : next(value)
}

/**
 * Run `steps` one after another and collect their values, waiting only when one is asynchronous.
 * Sibling expressions (arguments, array items, attribute parts) are evaluated this way: in order,
 * never concurrently, and none is started after an earlier one failed.
 */
export function sequence<T>(steps: readonly (() => MaybePromise<T>)[]): MaybePromise<T[]> {
  return mapSequential(steps, (step) => step())
}

/** Evaluate `count` items in order, each possibly asynchronous, without starting one before the last ended. */
export function mapSequential<T, R>(
  items: readonly T[],
  map: (item: T, index: number) => MaybePromise<R>,
): MaybePromise<R[]> {
  const out: R[] = []
  const step = (index: number): MaybePromise<R[]> => {
    for (let i = index; i < items.length; i++) {
      const value = map(items[i] as T, i)
      if (isPromise(value)) {
        return value.then((resolved) => {
          out.push(resolved)
          return step(i + 1)
        })
      }
      out.push(value)
    }
    return out
  }
  return step(0)
}

/** Run `body`, then `cleanup` once it has settled, whether it returned, threw or rejected. */
export function withCleanup<T>(body: () => MaybePromise<T>, cleanup: () => void): MaybePromise<T> {
  let result: MaybePromise<T>
  try {
    result = body()
  } catch (error) {
    cleanup()
    throw error
  }
  if (isPromise(result)) return result.finally(cleanup)
  cleanup()
  return result
}
