import { join, resolve } from 'node:path'
import { ErrorCodes, RuntimeError } from '@quantum/ast'
import type { Datasources, QueryRequest, QueryResult } from '../types'
import { queryAborted, queryFailed } from './errors'
import { openMysql } from './mysql'
import { openPostgres } from './postgres'
import { openSqlite } from './sqlite'
import type { DatasourceConfig, Driver } from './types'

/** Where a datasource connection lives. */
export interface DatasourcesOptions {
  /** The Quantum home folder: default and relative SQLite files are kept here. */
  home: string
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
      driver = openDriver(name, entry, options.home)
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

function openDriver(name: string, config: DatasourceConfig, home: string): Promise<Driver> {
  switch (config.driver) {
    case 'sqlite':
      return openSqlite(name, sqlitePath(config.path, home))
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
  if (driver !== 'sqlite' && typeof (config as { url?: unknown }).url !== 'string') {
    throw new RuntimeError(ErrorCodes.RUNTIME_ERROR, `Datasource '${name}' (${driver}) needs a 'url'`, {
      details: { datasource: name, driver },
    })
  }
}
