import { realpath } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { ErrorCodes, RuntimeError } from '@quantum/ast'
import { fileAccessDenied } from '../files/errors'
import { stateDatabasePath } from '../stateDatabase'
import type { Datasources, Files, QueryRequest, QueryResult } from '../types'
import { queryAborted, queryFailed } from './errors'
import { openMysql } from './mysql'
import { openPostgres } from './postgres'
import { openSqlite } from './sqlite'
import type { DatasourceConfig, Driver } from './types'

/** Where a datasource connection lives. */
export interface DatasourcesOptions {
  /** The Quantum home folder: default and relative SQLite files are kept here. */
  home: string
  /** The rules for files a SQLite statement attaches (`allowAttach`); without them none can be. */
  files?: Files
}

/** The datasource used when none is configured: `db`, a SQLite file in the home folder. */
export function defaultDatasourceConfig(home: string): Record<string, DatasourceConfig> {
  return { db: { driver: 'sqlite', path: join(home, 'app.db') } }
}

/**
 * Datasources by name. Each is opened on its first query (so a configured but unused server is
 * never contacted) and closed by `close()`. An empty configuration gives {@link defaultDatasourceConfig}.
 *
 * @throws RuntimeError `RUNTIME_ERROR` for a configuration with an unknown driver or a missing URL.
 */
export function createDatasources(
  config: Record<string, DatasourceConfig>,
  options: DatasourcesOptions,
): Datasources {
  const configs = Object.keys(config).length > 0 ? config : defaultDatasourceConfig(options.home)
  for (const [name, entry] of Object.entries(configs)) checkConfig(name, entry)
  const drivers = new Map<string, Promise<Driver>>()

  const driverFor = (name: string): Promise<Driver> => {
    let driver = drivers.get(name)
    if (!driver) {
      const entry = configs[name]
      if (!entry || !Object.hasOwn(configs, name)) {
        throw new RuntimeError(ErrorCodes.RUNTIME_NOT_FOUND, `Datasource '${name}' not found`, {
          details: { datasource: name, available: Object.keys(configs) },
        })
      }
      driver = openDriver(name, entry, options)
      drivers.set(name, driver)
      // A failed open is not cached: the next query tries again (the server may be back).
      driver.catch(() => drivers.delete(name))
    }
    return driver
  }

  return {
    async query(request: QueryRequest): Promise<QueryResult> {
      const driver = driverFor(request.datasource)
      if (request.signal?.aborted) throw queryAborted(request.datasource)
      try {
        return await (await driver).query(request)
      } catch (error) {
        throw queryFailed(request.datasource, error)
      }
    },
    async close(): Promise<void> {
      const open = [...drivers.values()]
      drivers.clear()
      // A driver that never opened has nothing to close; its error already went to the query.
      const closing = open.map((driver) =>
        driver.then(
          (opened) => opened.close(),
          () => undefined,
        ),
      )
      const failure = (await Promise.allSettled(closing)).find((result) => result.status === 'rejected')
      if (failure?.status === 'rejected') throw failure.reason
    },
  }
}

async function openDriver(
  name: string,
  config: DatasourceConfig,
  options: DatasourcesOptions,
): Promise<Driver> {
  switch (config.driver) {
    case 'sqlite': {
      const path = sqlitePath(config.path, options.home)
      await refuseStateDatabase(name, path, options.home)
      return openSqlite(name, { path, allowAttach: config.allowAttach === true, files: options.files })
    }
    case 'postgres':
    case 'postgresql':
      return openPostgres(name, config)
    case 'mysql':
    case 'mariadb':
      return openMysql(name, config)
  }
}

function sqlitePath(path: string | undefined, home: string): string {
  if (path === ':memory:') return path
  return path === undefined || path === '' ? join(home, 'app.db') : resolve(home, path)
}

/** A datasource on the state database would hand it to every program. */
async function refuseStateDatabase(name: string, path: string, home: string): Promise<void> {
  if (path === ':memory:') return
  const [real, state] = await Promise.all([realFile(path), realFile(stateDatabasePath(home))])
  if (real === state) {
    throw fileAccessDenied(
      `Datasource '${name}' path`,
      path,
      'it is the state database, which is never reachable from a program',
      'state-folder',
      { datasource: name },
    )
  }
}

/** The real path of a file that may not exist yet: its folder's real path and its name. */
async function realFile(path: string): Promise<string> {
  try {
    return await realpath(path)
  } catch {
    try {
      return join(await realpath(dirname(path)), basename(path))
    } catch {
      return resolve(path)
    }
  }
}

const DRIVERS = ['sqlite', 'postgres', 'postgresql', 'mysql', 'mariadb']

function checkConfig(name: string, config: DatasourceConfig): void {
  const driver = (config as { driver?: unknown }).driver
  if (typeof driver !== 'string' || !DRIVERS.includes(driver)) {
    throw new RuntimeError(
      ErrorCodes.RUNTIME_ERROR,
      `Datasource '${name}' has an unknown driver '${String(driver)}' (expected one of: ${DRIVERS.join(', ')})`,
      { details: { datasource: name, driver: String(driver) } },
    )
  }
  const allowAttach = (config as { allowAttach?: unknown }).allowAttach
  if (driver === 'sqlite' && allowAttach !== undefined && typeof allowAttach !== 'boolean') {
    throw new RuntimeError(ErrorCodes.RUNTIME_ERROR, `Datasource '${name}' has a non-boolean 'allowAttach'`, {
      details: { datasource: name },
    })
  }
  if (driver !== 'sqlite' && typeof (config as { url?: unknown }).url !== 'string') {
    throw new RuntimeError(ErrorCodes.RUNTIME_ERROR, `Datasource '${name}' (${driver}) needs a 'url'`, {
      details: { datasource: name, driver },
    })
  }
}
