import { ErrorCodes, type SerializedError } from '@quantum/ast'
import { formatMilliseconds, setLongTimeout } from '@quantum/time'
import type { ActiveJob, JobHandler, QueueJob, Settlement } from '../contract'
import { coded, isPermanent, leaseLost, serializeError } from './errors'
import { untilWritten } from './untilWritten'

/** What running one attempt needs from its adapter; every call is fenced by the attempt's token. */
export interface LeaseOps {
  /** How often a running attempt renews its lease, in ms. */
  readonly heartbeatMs: number
  heartbeat(id: string, token: string): Promise<boolean>
  complete(id: string, token: string, result: unknown): Promise<boolean>
  fail(
    id: string,
    token: string,
    error: SerializedError,
    options: { permanent: boolean },
  ): Promise<Settlement | undefined>
  /** Hands the job back (pending, this attempt not counted); false when the lease was already lost. */
  release(id: string, token: string): Promise<boolean>
  progress(job: ActiveJob, value: unknown): Promise<void>
}

/** One attempt in flight: its job, and how to stop it. */
export interface Attempt {
  readonly job: ActiveJob
  /** Resolves with how the attempt ended, once the queue recorded it. */
  readonly done: Promise<Settlement>
  /** Aborts the handler and hands the job back instead of settling it. */
  handBack(reason: string): void
}

/**
 * Runs `handler` on a claimed job while renewing its lease, then completes or fails the job with the
 * attempt's token. A renewal that is refused means the lease is lost: the handler's signal aborts and
 * whatever it ends with is not recorded (the queue refuses it).
 */
export function startAttempt(
  claimed: QueueJob,
  token: string,
  handler: JobHandler,
  ops: LeaseOps,
  onError: (error: Error) => void,
): Attempt {
  const controller = new AbortController()
  let lost: Error | undefined
  let handedBack = false
  const job: ActiveJob = {
    ...claimed,
    token,
    signal: controller.signal,
    progress: (value) => ops.progress(job, value),
  }
  const renew = () => {
    ops.heartbeat(job.id, token).then(
      (held) => {
        if (held || lost || handedBack) return
        lost = leaseLost(job.id, 'the job was taken back after its lease expired')
        controller.abort(lost)
      },
      (error: Error) => onError(error),
    )
  }
  const timer = setInterval(renew, ops.heartbeatMs)
  // The job's timeout holds even for a handler that ignores its signal: the attempt fails at the deadline.
  const timedOut = () =>
    new Promise<never>((_, reject) => {
      const ms = job.timeoutMs as number
      cancelTimeout = setLongTimeout(() => {
        const error = coded(ErrorCodes.QUEUE_TIMEOUT, `Job timed out after ${formatMilliseconds(ms)}`, {
          id: job.id,
          timeoutMs: ms,
        })
        controller.abort(error)
        reject(error)
      }, ms)
    })
  let cancelTimeout = () => {}
  // Recording the end is retried while the store is full or busy, with the lease still renewed, until it
  // lands or the lease is lost: the job's effect happened, and must not happen again.
  const recorded = <T>(write: () => Promise<T>) =>
    untilWritten(write, () => lost !== undefined || handedBack, onError)
  const settle = async (): Promise<Settlement> => {
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown }
    try {
      const running = Promise.resolve().then(() => handler(job))
      outcome = {
        ok: true,
        value: await (job.timeoutMs === null ? running : Promise.race([running, timedOut()])),
      }
    } catch (error) {
      outcome = { ok: false, error }
    } finally {
      cancelTimeout()
    }
    try {
      return await record(outcome)
    } catch (error) {
      // Lost while the store refused every write: another attempt owns the job now.
      if (lost) return { outcome: 'refused', error: serializeError(lost) }
      throw error
    } finally {
      clearInterval(timer)
    }
  }
  const record = async (
    outcome: { ok: true; value: unknown } | { ok: false; error: unknown },
  ): Promise<Settlement> => {
    if (handedBack) {
      await ops.release(job.id, token)
      return { outcome: 'refused', error: null }
    }
    if (lost) return { outcome: 'refused', error: serializeError(lost) }
    if (outcome.ok) {
      const accepted = await recorded(() => ops.complete(job.id, token, outcome.value))
      return accepted
        ? { outcome: 'completed', result: outcome.value }
        : { outcome: 'refused', error: serializeError(leaseLost(job.id, 'completion came too late')) }
    }
    const error = serializeError(outcome.error)
    const settlement = await recorded(() =>
      ops.fail(job.id, token, error, { permanent: isPermanent(outcome.error) }),
    )
    return settlement ?? { outcome: 'refused', error }
  }
  return {
    job,
    done: settle(),
    handBack(reason) {
      if (handedBack || lost) return
      handedBack = true
      controller.abort(new Error(reason))
    },
  }
}
