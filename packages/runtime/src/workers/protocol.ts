import type { SerializedError } from '@quantum/ast'
import type { FromHost, HostServiceName, ToHost } from '../bridge/protocol'
import type { BodyExecution } from '../jobs/types'
import type { BodyServicesConfig } from '../services/bodyServices'
import type { LogEntry } from '../services/types'
import type { Batch } from './outbox'

/**
 * What crosses between a pool (the thread pool, the scheduler's fire workers) and its body threads.
 * Only data crosses: a body and its params go as JSON text, results and errors come back JSON-safe,
 * and callbacks stay with the pool.
 */

/** A body thread's `workerData` (a host that starts it through Bree finds Bree's `job` beside it). */
export interface BodyThreadData {
  /** What the thread builds the services of its bodies from (datasources, mail, HTTP, limits, files). */
  services: BodyServicesConfig
}

/** Pool → worker. */
export type ToWorker =
  | {
      type: 'run'
      id: number
      kind: BodyExecution['kind']
      /** The `PortableBody` as JSON text; absent when the worker keeps it under `key` already. */
      body?: string
      /** Under which key the worker keeps (or already kept) the body; absent for a body sent once. */
      key?: number
      /** The params as JSON text. */
      params?: string
      /** A kept body the worker may drop now. */
      forget?: number
      /** Declared params to bind in the body's scope (databound defaults), as JSON text. */
      defaults?: string
      /** The keys of the functions the body may call, when they are not in `body`. */
      functions?: number[]
      /** Functions the worker does not hold yet, as [key, JSON text]: it keeps them parsed. */
      define?: [number, string][]
      /** Kept functions the worker may drop now. */
      drop?: number[]
      /** The services the host lends this body over the host bridge. */
      lent?: HostServiceName[]
      /**
       * Epoch ms (the thread's `Date.now()`) before which the body's first statement must not run: the
       * thread holds it until then and tells the pool when it starts (`started`).
       */
      startAt?: number
    }
  /** The host bridge's answers and callbacks (`q:job`, `q:schedule`, `q:thread` in a body). */
  | FromHost
  /**
   * Stop the body. With `held`, only a body still held before its `startAt` is called off: one that has
   * started runs on (its start may be on its way to the pool).
   */
  | { type: 'abort'; id: number; reason: string; held?: boolean }
  | { type: 'close' }
  /** Several of the above, in order: what the pool sent in one turn of its event loop. */
  | Batch<ToWorker>

/**
 * The host-bridge scope of the body numbered `id`: what the body's calls to lent services carry, so
 * the pool knows which of its bodies calls (a body waiting in a join lends its slot).
 */
export function bodyScope(id: number): string {
  return `body-${id}`
}

/** The body number of a {@link bodyScope}, or undefined for another scope. */
export function bodyOfScope(scope: string): number | undefined {
  const match = /^body-(\d+)$/.exec(scope)
  return match ? Number(match[1]) : undefined
}

/** How one body ended in the worker. */
export type WorkerResult =
  | {
      ok: true
      result?: unknown
      output: string
      /** A thread's `thread` scope. */
      scope?: Record<string, unknown>
      /** A schedule body's component variables, kept for its next fire. */
      component?: Record<string, unknown>
    }
  | { ok: false; error: SerializedError }

/** Worker → pool, in the order things happened (a body's logs before its end). */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'log'; id: number; entry: LogEntry }
  /** A held body (one sent with `startAt`) starts now: `at` is the thread's `Date.now()`, never before `startAt`. */
  | { type: 'started'; id: number; at: number }
  | { type: 'done'; id: number; result: WorkerResult }
  /** Several of the above, in order: what the worker sent in one turn of its event loop. */
  | Batch<FromWorker>
  /** A body's call to a service its host lends. */
  | ToHost
