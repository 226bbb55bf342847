import { join } from 'node:path'
import type { LogLevel } from '@quantum/ast'
import { parse, parseTemplate } from '@quantum/parser'
import type { BodyExecutor, Files, Logger, RuntimeServices, Sources } from '@quantum/runtime'
import {
  type BodyHost,
  type BodyServicesConfig,
  createDatasources,
  createFiles,
  createHttp,
  createLogger,
  createMailer,
  createSources,
  defaultDatasourceConfig,
  type FilesOptions,
  systemClock,
} from '@quantum/runtime/services'
import { createThreadPool, createThreadService, type PoolThreadService } from '@quantum/threads'
import type { QuantumConfig } from './config'

/** Where the services keep their files and where log lines go. */
export interface ServiceOptions {
  /** Absolute path of the state folder: the default SQLite datasource and the mail outbox live here. */
  home: string
  /**
   * Absolute paths of the program's app folders (for `quantum run FILE`, the file's folder; for a worker,
   * each `--app`): a program reads files there and in `files.roots`, and finds components in their `components/`.
   */
  appFolders: readonly string[]
  /** The folder the document's file name is relative to (the working directory). */
  cwd: string
  /** Receives each formatted log line, without a newline. */
  writeLog: (line: string) => void
  /** Lines below this level are not written (they are still in the run's `logs`). */
  minLevel: LogLevel
}

/** The services of one CLI run, and how to release them. */
export interface HostServices {
  services: RuntimeServices
  /** The threads `q:thread` started: wait for them, or terminate them, before closing. */
  threads: PoolThreadService
  /** The warm thread pool: the body executor of queue jobs, too. */
  executor: BodyExecutor
  /** The log lines' writer (`services.logger`), for lines of bodies that run elsewhere. */
  logger: Logger
  /** What the thread pool's workers build their services from; a scheduler's fire workers take the same. */
  bodies: BodyServicesConfig
  /**
   * What bodies in worker threads (threads, jobs, schedule fires) borrow from this process: its thread
   * pool and component loader from the start; the command adds its job and schedule services.
   */
  lend: BodyHost
  /**
   * End the thread pool (threads still running are terminated), then close every datasource and the
   * mailer; rejects with the first failure after trying them all.
   */
  close(): Promise<void>
}

/** The folder of the app folder where `q:invoke component=` looks after the calling document's own. */
const COMPONENTS_FOLDER = 'components'

/**
 * The real services the CLI gives the runtime: SQL datasources from the configuration (default `db`, a
 * SQLite file in the state folder), the mailer (default: the outbox in the state folder), HTTP, a logger
 * writing upstream-format lines, the system clock, the file rules (the app folder and `files.roots`,
 * never the state folder), the sources: other components (next to the calling document, then in
 * the app folder's `components/`) and mail templates, parsed with `@quantum/parser`; and threads on a
 * warm worker pool (`threads.max`, `threads.workers`) whose workers build the same services from the same
 * configuration. The command adds the schedule service (a registrar that only writes the store, or a
 * scheduler that hosts); without one, and for `q:job`, those tags fail with `RUNTIME_SERVICE_MISSING`.
 * Datasources, the outbox and the pool's workers start on first use.
 *
 * @throws RuntimeError when a datasource is configured with an unknown driver or without its URL
 */
export function openServices(config: QuantumConfig, options: ServiceOptions): HostServices {
  const bodies = bodyServicesConfig(config, options)
  const files = createFiles(bodies.files)
  const datasources = createDatasources(config.datasources ?? defaultDatasourceConfig(options.home), {
    home: options.home,
    files,
  })
  const mailer = createMailer(config.mail, { home: options.home })
  const logger = createLogger({ write: options.writeLog, minLevel: options.minLevel, ringSize: 0 })
  const sources = appSources(files, options.appFolders)
  const lend: BodyHost = { sources }
  const pool = createThreadPool({ ...config.threads, services: bodies, host: lend })
  const threads = createThreadService(pool, { logger })
  lend.threads = () => createThreadService(pool, { logger })
  return {
    services: {
      datasources,
      mailer,
      http: createHttp(config.http),
      logger,
      clock: systemClock,
      files,
      sources,
      threads,
    },
    threads,
    executor: pool,
    logger,
    bodies,
    lend,
    async close() {
      await pool.close()
      const results = await Promise.allSettled([datasources.close(), mailer.close()])
      const failure = results.find((result) => result.status === 'rejected')
      if (failure?.status === 'rejected') throw failure.reason
    },
  }
}

/**
 * Other components (next to the calling document, then in each app folder's `components/`) and mail
 * templates, found by the file rules and parsed with `@quantum/parser`.
 */
export function appSources(files: Files, appFolders: readonly string[]): Sources {
  return createSources({
    files,
    componentPaths: appFolders.map((folder) => join(folder, COMPONENTS_FOLDER)),
    parseDocument: (source, file) => parse(source, { file }),
    parseTemplate: (text) => parseTemplate(text),
  })
}

/**
 * What a body running off the main thread (a `q:thread`, a schedule's fire) builds its services from:
 * the same datasources, mail, HTTP, limits and file rules as the host's own.
 */
export function bodyServicesConfig(
  config: QuantumConfig,
  options: Pick<ServiceOptions, 'home' | 'appFolders' | 'cwd'>,
): BodyServicesConfig & { files: FilesOptions } {
  // The state folder holds quantum.db: never reachable, even when it lies inside an app folder.
  const files = {
    roots: [...options.appFolders, ...(config.files?.roots ?? [])],
    denied: [options.home],
    base: options.cwd,
    ...(config.files?.maxReadBytes === undefined ? {} : { maxReadBytes: config.files.maxReadBytes }),
  }
  return {
    home: options.home,
    ...(config.datasources ? { datasources: config.datasources } : {}),
    ...(config.mail ? { mail: config.mail } : {}),
    ...(config.http ? { http: config.http } : {}),
    ...(config.limits ? { limits: config.limits } : {}),
    files,
  }
}
