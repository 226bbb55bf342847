import type { SerializedError } from '@quantum/ast'
import type { BodyExecution, Limits, LogEntry } from '@quantum/runtime'
import type { DatasourceConfig, FilesOptions, HttpOptions, MailConfig } from '@quantum/runtime/services'

/**
 * What crosses between the pool and its worker threads. Only data crosses: a body and its params go
 * as JSON text, results and errors come back JSON-safe, and callbacks stay with the pool.
 */

/**
 * How each worker builds the services its bodies use, once, when it starts: JSON-safe, so a host
 * passes its configuration rather than its service objects.
 */
export interface WorkerServicesConfig {
  /**
   * The state folder: the default datasource `db` (`<home>/app.db`), relative SQLite paths and the mail
   * outbox live here. Without it, bodies have HTTP but no datasources and no mail.
   */
  home?: string
  /** Named SQL datasources, as `createDatasources` takes them; `{ db: sqlite <home>/app.db }` when absent. */
  datasources?: Record<string, DatasourceConfig>
  /** How `q:mail` sends; the outbox in `home` when absent. */
  mail?: MailConfig
  /** Bounds on `q:invoke url=` calls. */
  http?: Partial<HttpOptions>
  /** Bounds on each body (steps, wall time, output…). */
  limits?: Partial<Limits>
  /** The file rules (`createFiles`): without them, a body reads no file and SQLite attaches nothing. */
  files?: FilesOptions
}

/** Pool → worker. */
export type ToWorker =
  | {
      type: 'run'
      id: number
      kind: BodyExecution['kind']
      /** `{ body, params }` as JSON text. */
      payload: string
    }
  | { type: 'abort'; id: number; reason: string }
  | { type: 'close' }

/** How one body ended in the worker. */
export type WorkerResult =
  | { ok: true; result?: unknown; output: string; scope?: Record<string, unknown> }
  | { ok: false; error: SerializedError }

/** Worker → pool, in the order things happened (a body's logs before its end). */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'log'; id: number; entry: LogEntry }
  | { type: 'done'; id: number; result: WorkerResult }
