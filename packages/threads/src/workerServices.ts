import type { RuntimeServices } from '@quantum/runtime'
import { createDatasources, createHttp, createMailer, systemClock } from '@quantum/runtime/services'
import type { WorkerServicesConfig } from './protocol'

/** The services every body of one worker shares, and how to release them. */
export interface WorkerServices {
  services: Omit<RuntimeServices, 'logger'>
  close(): Promise<void>
}

/**
 * The real services, built once per worker from the host's configuration: datasources and mail (when
 * there is a state folder), HTTP and the clock. Connections open on first use; the logger is per body.
 */
export function openWorkerServices(config: WorkerServicesConfig): WorkerServices {
  const http = createHttp(config.http)
  if (config.home === undefined) return { services: { http, clock: systemClock }, close: async () => {} }
  const datasources = createDatasources(config.datasources ?? {}, { home: config.home })
  const mailer = createMailer(config.mail, { home: config.home })
  return {
    services: { datasources, mailer, http, clock: systemClock },
    async close() {
      await Promise.allSettled([datasources.close(), mailer.close()])
    },
  }
}
