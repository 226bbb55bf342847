import { ErrorCodes } from '@quantum/ast'
import type { RuntimeServices } from '../runtimeTypes'
import type { Context } from '../scope/context'
import { runtimeError, type Site } from './errors'

const PURPOSE: Record<keyof RuntimeServices, string> = {
  datasources: 'a datasource service (SQL)',
  mailer: 'a mail service',
  http: 'an HTTP client',
  logger: 'a logger',
  clock: 'a clock',
  files: 'file access rules (the folders a program may read)',
  sources: 'a source loader (components and templates, parsed by the host)',
  schedules: 'a ScheduleService (schedules run under the Quantum worker)',
  threads: 'a ThreadService (the thread pool)',
  jobs: 'a JobService (the job queue)',
}

/** The service a tag needs, or a clear `RUNTIME_SERVICE_MISSING` naming it; never a stand-in. */
export function need<K extends keyof RuntimeServices>(
  ctx: Context,
  key: K,
  tag: string,
  site: Site,
): NonNullable<RuntimeServices[K]> {
  const service = ctx.run.services[key]
  if (!service) {
    throw runtimeError(
      ErrorCodes.RUNTIME_SERVICE_MISSING,
      `<q:${tag}> needs ${PURPOSE[key]}, and this host provides none (RuntimeServices.${key})`,
      ctx.run.at(site),
    )
  }
  return service as NonNullable<RuntimeServices[K]>
}
