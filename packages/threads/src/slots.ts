import { PoolErrors } from './errors'

/** What the slots know of one body of the pool. */
export interface SlotBody<T> {
  readonly finished: boolean
  /** Set once the body was asked to stop: it ends soon whatever it waits for. */
  readonly stopping?: string | undefined
  /** Whether it holds one of the `max` slots (a body waiting in a join may lend its slot instead). */
  slot: boolean
  /** The body it lent its slot to while it waits in a join. */
  lentTo?: T | undefined
  /** The body that lent it the slot it runs on. */
  borrowedFrom?: T | undefined
}

/** What the slots ask of the pool. */
export interface SlotPool<T> {
  /** Whether the body waits in the line for a slot. */
  waits(body: T): boolean
  /** How many bodies wait in the line. */
  waiting(): number
  /** Take a waiting body out of the line and start it now (on a slot it was lent). */
  startNow(body: T): void
  /** The bodies on the workers. */
  onWorkers(): Iterable<T>
}

/** A body waiting in a join for another body of the pool, and how to fail that wait. */
interface Join<T> {
  readonly joiner: T
  readonly target: T
  fail(error: Error): void
}

/**
 * The pool's `max` slots: which bodies hold one, and which lent theirs. A body that waits in a join
 * for a body still waiting for a slot lends it its own, and gets it back when that one ends, so nested
 * threads that join their children make progress on any `max`. At most `maxLent` slots are lent at
 * once (each keeps one more body alive); past that, a pool whose every slot is held by a body waiting
 * for another body of the pool is deadlocked, and the innermost wait fails with `THREAD_DEADLOCK`.
 */
export class Slots<T extends SlotBody<T>> {
  /** Bodies holding a slot: at most `max`, but for joiners that took theirs back early. */
  running = 0
  /** Slots lent by bodies waiting in a join. */
  lent = 0
  /** The waits of bodies for other bodies, in the order they began. */
  private readonly joins = new Set<Join<T>>()

  constructor(
    private readonly max: number,
    private readonly maxLent: number,
    private readonly pool: SlotPool<T>,
  ) {}

  /** Whether a body may start now. */
  get free(): boolean {
    return this.running < this.max
  }

  /** The body starts on a slot. */
  take(body: T) {
    body.slot = true
    this.running++
  }

  /**
   * The body has ended: its slot goes back to the body that lent it, if that one still runs, else to
   * the pool; a slot it had lent stays with the body it lent it to.
   */
  release(body: T) {
    if (body.lentTo) {
      body.lentTo.borrowedFrom = undefined
      body.lentTo = undefined
      this.lent--
    }
    if (!body.slot) return
    body.slot = false
    this.running--
    const lender = body.borrowedFrom
    if (!lender) return
    body.borrowedFrom = undefined
    lender.lentTo = undefined
    this.lent--
    if (!lender.finished) this.take(lender)
  }

  /** `joiner` waits for `target` until `waiting` settles; rejects with `THREAD_DEADLOCK` if it never could. */
  waitFor<R>(joiner: T, target: T, waiting: Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const end = (settle: () => void) => {
        if (!this.joins.delete(join)) return
        this.takeBack(joiner)
        settle()
      }
      const join: Join<T> = { joiner, target, fail: (error) => end(() => reject(error)) }
      waiting.then(
        (value) => end(() => resolve(value)),
        (error: unknown) => end(() => reject(error)),
      )
      this.joins.add(join)
      this.progress()
    })
  }

  /**
   * Let bodies waiting in a join lend their slot to the body they wait for, when that one waits for a
   * slot; then, if every slot is held by a body waiting for one that cannot start, fail the innermost wait.
   * Call it whenever a body ends.
   */
  progress() {
    if (this.joins.size === 0) return
    for (const { joiner, target } of this.joins) {
      if (this.lent >= this.maxLent) break
      if (joiner.slot && !joiner.finished && !joiner.stopping && this.pool.waits(target))
        this.lend(joiner, target)
    }
    if (!this.deadlocked()) return
    const innermost = [...this.joins]
      .reverse()
      .find((join) => !join.joiner.finished && this.pool.waits(join.target))
    innermost?.fail(PoolErrors.deadlock(this.max, this.maxLent))
  }

  private lend(joiner: T, target: T) {
    joiner.slot = false
    this.running--
    joiner.lentTo = target
    target.borrowedFrom = joiner
    this.lent++
    this.pool.startNow(target)
  }

  /** A joiner whose last wait ended before the body it lent its slot to: it runs on, on a slot of its own. */
  private takeBack(joiner: T) {
    const borrower = joiner.lentTo
    if (!borrower || joiner.finished) return
    for (const join of this.joins) if (join.joiner === joiner) return
    borrower.borrowedFrom = undefined
    joiner.lentTo = undefined
    this.lent--
    this.take(joiner)
  }

  /** Whether every slot is held by a body that waits in a join for a body of the pool still to end. */
  private deadlocked(): boolean {
    if (this.free || this.pool.waiting() === 0) return false
    const blocked = new Set<T>()
    for (const { joiner, target } of this.joins) if (!target.finished) blocked.add(joiner)
    for (const body of this.pool.onWorkers()) {
      if (body.slot && (body.stopping || !blocked.has(body))) return false
    }
    return true
  }
}
