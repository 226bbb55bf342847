/**
 * The services a host gives the runtime: SQL datasources, mail, HTTP, logging and the clock,
 * plus the SQL helpers the interpreter uses to bind `q:query` parameters.
 */

export { systemClock } from './clock'
export type { DatasourcesOptions } from './datasources/createDatasources'
export { createDatasources, defaultDatasourceConfig } from './datasources/createDatasources'
export type {
  DatasourceConfig,
  MysqlDatasourceConfig,
  PostgresDatasourceConfig,
  SqliteDatasourceConfig,
} from './datasources/types'
export { createHttp } from './http'
export type { LoggerOptions, MemoryLogger } from './logger'
export { createLogger, formatLogLine } from './logger'
export { DEFAULT_FROM } from './mail/compose'
export type { MailConfig, MailerOptions } from './mail/createMailer'
export { createMailer } from './mail/createMailer'
export type { Outbox, StoredMail } from './mail/outbox'
export { openOutbox, outboxPath } from './mail/outbox'
export type { BoundSql, PlaceholderStyle } from './sql/bind'
export { bindNamedParameters, placeholderNames } from './sql/bind'
export type { ParameterSpec, ParameterValue } from './sql/params'
export { convertParameter } from './sql/params'
export type {
  Clock,
  Datasources,
  Http,
  HttpRequest,
  HttpResponse,
  LogEntry,
  Logger,
  Mailer,
  MailMessage,
  MailReceipt,
  QueryRequest,
  QueryResult,
} from './types'
