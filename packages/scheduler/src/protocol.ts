import type { SerializedError } from '@quantum/ast'
import type { LogEntry } from '@quantum/runtime'
import type { BodyServicesConfig } from '@quantum/runtime/services'

/**
 * What crosses between the scheduler and a fire's worker thread (which may stay warm for the schedule's
 * next fires). Bree passes `workerData` and its own
 * `'cancel'`/`'cancelled'`/`'done'` strings; everything else is ours.
 */

/** The worker's `workerData` (Bree adds its `job` beside it). */
export interface FireWorkerData {
  services: BodyServicesConfig
}

/** Scheduler → worker. */
export type ToFireWorker =
  | {
      type: 'fire'
      /** `{ body }` as JSON text: a `PortableBody` whose snapshot is the schedule's variables. */
      payload: string
      /** Epoch ms (worker's `Date.now()`) before which the body's first statement must not run. */
      startAt: number
      timeoutMs?: number
    }
  | { type: 'abort'; reason: string }
  /** No more fires for now: close the services and end. */
  | { type: 'release' }

/** How one attempt ended in the worker. */
export type FireResult =
  | { ok: true; result?: unknown; output: string; component: Record<string, unknown> }
  | { ok: false; error: SerializedError; timedOut: boolean }

/** Worker → scheduler, in the order things happened. */
export type FromFireWorker =
  | { type: 'ready' }
  /** The body starts now: `at` is the worker's `Date.now()`, never before `startAt`. */
  | { type: 'started'; at: number }
  | { type: 'log'; entry: LogEntry }
  | { type: 'result'; at: number; result: FireResult }
