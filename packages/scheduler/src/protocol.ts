import type { SerializedError } from '@quantum/ast'
import type { LogEntry } from '@quantum/runtime'
import type { BodyServicesConfig, HostServiceName } from '@quantum/runtime/services'

/**
 * What crosses between the scheduler and a fire's worker thread (which may stay warm for the schedule's
 * next fires). Bree passes `workerData` and its own
 * `'cancel'`/`'cancelled'`/`'done'` strings; everything else is ours.
 */

/** The worker's `workerData` (Bree adds its `job` beside it). */
export interface FireWorkerData {
  services: BodyServicesConfig
  /** The services the host lends to bodies over the bridge (`q:job`, `q:schedule`, `q:thread`). */
  lent: HostServiceName[]
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
  /**
   * Stop the body. With `held`, only a fire still held before its due instant is called off (paused,
   * deleted, the scheduler stopping): one that has started runs on, since its start may still be on its way.
   */
  | { type: 'abort'; reason: string; held?: boolean }
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
