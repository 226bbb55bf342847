import type { RuntimeServices } from '@quantum/runtime'
import {
  createDatasources,
  createFiles,
  createHttp,
  createMailer,
  systemClock,
} from '@quantum/runtime/services'
import type { WorkerServicesConfig } from './protocol'

/** The services every body of one worker shares, and how to release them. */
export interface WorkerServices {
  services: Omit<RuntimeServices, 'logger'>
  close(): Promise<void>
}

/**
 * The real services, built once per worker from the host's configuration: datasources and mail (when
 * there is a state folder), HTTP, the clock and the file rules. Connections open on first use; the logger is per body.
 */
export function openWorkerServices(config: WorkerServicesConfig): WorkerServices {
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
