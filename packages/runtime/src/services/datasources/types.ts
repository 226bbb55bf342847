import type { QueryRequest, QueryResult } from '../types'

/** A SQLite database file; a relative `path` is resolved against the Quantum home. */
export interface SqliteDatasourceConfig {
  driver: 'sqlite'
  /** Defaults to `<home>/app.db`; `:memory:` keeps the database in memory. */
  path?: string
  /**
   * Let statements `ATTACH` other databases and `VACUUM INTO` new files, within the file rules (the
   * app folder and `files.roots`, never the state folder). Refused when not `true`.
   */
  allowAttach?: boolean
}

/** A PostgreSQL server reached through a `pg` pool. */
export interface PostgresDatasourceConfig {
  driver: 'postgres' | 'postgresql'
  /** `postgres://user:password@host:port/database`. */
  url: string
  /** Most connections the pool opens (10 when not given). */
  max?: number
}

/** A MySQL or MariaDB server reached through a `mysql2` pool. */
export interface MysqlDatasourceConfig {
  driver: 'mysql' | 'mariadb'
  /** `mysql://user:password@host:port/database`. */
  url: string
  /** Most connections the pool opens (10 when not given). */
  max?: number
}

/** How to reach one named datasource. */
export type DatasourceConfig = SqliteDatasourceConfig | PostgresDatasourceConfig | MysqlDatasourceConfig

/** One open datasource: runs statements for `createDatasources` and closes its connections. */
export interface Driver {
  /** Runs one statement. The request's signal was checked before; errors may be raw driver errors. */
  query(request: QueryRequest): Promise<QueryResult>
  close(): Promise<void>
}
