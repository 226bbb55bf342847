import { dirname, resolve } from 'node:path'
import type { Logger } from '@quantum/runtime'
import { type BodyHost, type BodyServicesConfig, createFiles } from '@quantum/runtime/services'
import type { Store } from '@quantum/store'
import {
  createThreadPool,
  createThreadService,
  type ThreadPool,
  type ThreadPoolOptions,
} from '@quantum/threads'
import type { StoreContext } from '../commands/withStore'
import { storeRegistrar } from '../hosting/storeRegistrar'
import type { CliIO } from '../io'
import { appSources, bodyServicesConfig } from '../services'

/** What a body run in this process by `jobs run --sync` has: its services, what it borrows, a pool. */
export interface HereServices {
  bodies: BodyServicesConfig
  /** The store and queue through a registrar (as `quantum run`), the pool's threads, the app's components. */
  lend: BodyHost
  /** Started on first use; close it when done. */
  pool: ThreadPool
}

/**
 * The services of a schedule or job fired here: the app folder is the folder of the file that defined
 * it (`file`, relative to the working directory), as for `quantum run FILE`; `q:job` and `q:schedule`
 * write the store and the queue (the command closes both); `q:thread` runs on a pool of this process.
 */
export function hereServices(
  store: Store,
  file: string | undefined,
  { globals, config, queue }: StoreContext,
  io: Pick<CliIO, 'cwd'>,
  logger: Logger,
  pool: Omit<ThreadPoolOptions, 'services' | 'host'> = {},
): HereServices {
  const appFolders = [file === undefined ? io.cwd : dirname(resolve(io.cwd, file))]
  const bodies = bodyServicesConfig(config, { home: globals.home, appFolders, cwd: io.cwd })
  const { jobs, schedules } = storeRegistrar({ store: async () => store, queue })
  const lend: BodyHost = { jobs, schedules, sources: appSources(createFiles(bodies.files), appFolders) }
  const threads = createThreadPool({ ...pool, services: bodies, host: lend })
  lend.threads = () => createThreadService(threads, { logger })
  return { bodies, lend, pool: threads }
}
