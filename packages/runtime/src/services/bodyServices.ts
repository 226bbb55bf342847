import type { Limits } from '../run/limits'
import type { RuntimeServices } from '../runtimeTypes'
import { systemClock } from './clock'
import { createDatasources } from './datasources/createDatasources'
import type { DatasourceConfig } from './datasources/types'
import { createFiles, type FilesOptions } from './files/createFiles'
import { createHttp, type HttpOptions } from './http'
import { createMailer, type MailConfig } from './mail/createMailer'

/**
 * How a worker thread builds the services its bodies use, once, when it starts: JSON-safe, so a host
 * passes its configuration rather than its service objects (the thread pool's workers, the scheduler's).
 */
export interface BodyServicesConfig {
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

/** The services every body of one worker shares, and how to release them. */
export interface BodyServices {
  services: Omit<RuntimeServices, 'logger'>
  close(): Promise<void>
}

/**
 * The real services, built once per worker from the host's configuration: datasources and mail (when
 * there is a state folder), HTTP, the clock and the file rules. Connections open on first use; the
 * logger is per body.
 */
export function openBodyServices(config: BodyServicesConfig): BodyServices {
  const http = createHttp(config.http)
  const files = config.files ? createFiles(config.files) : undefined
  const shared = files ? { http, clock: systemClock, files } : { http, clock: systemClock }
  if (config.home === undefined) return { services: shared, close: async () => {} }
  const datasources = createDatasources(config.datasources ?? {}, {
    home: config.home,
    ...(files ? { files } : {}),
  })
  const mailer = createMailer(config.mail, { home: config.home })
  return {
    services: { ...shared, datasources, mailer },
    async close() {
      await Promise.allSettled([datasources.close(), mailer.close()])
    },
  }
}
