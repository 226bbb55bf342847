import type { SerializedError } from '@quantum/ast'
import type { BodyExecution, LogEntry } from '@quantum/runtime'
import type { BodyServicesConfig, FromHost, HostServiceName, ToHost } from '@quantum/runtime/services'
import type { Batch } from './outbox'

/**
 * What crosses between the pool and its worker threads. Only data crosses: a body and its params go
 * as JSON text, results and errors come back JSON-safe, and callbacks stay with the pool.
 */

/** How each worker builds the services its bodies use: the runtime's `BodyServicesConfig`. */
export type WorkerServicesConfig = BodyServicesConfig

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
    }
  /** The host bridge's answers and callbacks (`q:job`, `q:schedule`, `q:thread` in a body). */
  | FromHost
  | { type: 'abort'; id: number; reason: string }
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
  | { ok: true; result?: unknown; output: string; scope?: Record<string, unknown> }
  | { ok: false; error: SerializedError }

/** Worker → pool, in the order things happened (a body's logs before its end). */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'log'; id: number; entry: LogEntry }
  | { type: 'done'; id: number; result: WorkerResult }
  /** Several of the above, in order: what the worker sent in one turn of its event loop. */
  | Batch<FromWorker>
  /** A body's call to a service its host lends. */
  | ToHost
