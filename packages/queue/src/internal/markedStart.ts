import type { JobHandler } from '../contract'
import { leaseLost } from './errors'

/**
 * Marks an attempt started and gives the handler to run it with. Jobs are marked lazily (`mark(false)`:
 * the mark rides with the next write, a few ms later), and a lapsed lease on a job never marked started
 * puts it back with its attempt unspent: a worker that dies holding jobs ahead has not spent them. But a
 * body that kills its worker before the mark lands (a native crash, an out-of-memory abort) would then
 * come back forever. So a job that lapsed unstarted before (`lapsed`) runs its body only once its mark is
 * written (`mark(true)`): from then on each dead worker spends one of its attempts. `mark` answers whether
 * the attempt still holds the job.
 */
export function markStarted(
  handler: JobHandler,
  lapsed: boolean,
  mark: (durable: boolean) => Promise<boolean>,
  onError: (error: Error) => void,
): JobHandler {
  if (!lapsed) {
    mark(false).catch(onError)
    return handler
  }
  return async (job) => {
    if (!(await mark(true))) throw leaseLost(job.id, 'it was taken back before its body started')
    // Handed back (a stop) or timed out while the mark was on its way: the body does not start.
    job.signal.throwIfAborted()
    return handler(job)
  }
}
