/**
 * @packageDocumentation
 * The services a host gives the runtime: SQL datasources, mail, HTTP, logging, the clock, the
 * rules for the files a program may read, and the loader of other components and templates. The
 * contracts they implement (`Datasources`, `Mailer`, `Http`, `Logger`, `Clock`, `Files`, `Sources`…)
 * are types of `@quantum/runtime`. The SQLite and mail clients
 * are optional peers, loaded on first use.
 */

export type { HostConnection, LentServices } from './bridge/hostServices'
export { connectToHost } from './bridge/hostServices'
export type { FromHost, HostServiceName, ToHost } from './bridge/protocol'
export { isBridgeMessage } from './bridge/protocol'
export type { BodyHost, BodyHostChannel } from './bridge/serveBodies'
export { lentServices, serveBodies } from './bridge/serveBodies'
export type { BodyServices, BodyServicesConfig } from './services/bodyServices'
export { openBodyServices } from './services/bodyServices'
export { systemClock } from './services/clock'
export type { DatasourcesOptions } from './services/datasources/createDatasources'
export { createDatasources, defaultDatasourceConfig } from './services/datasources/createDatasources'
export type {
  DatasourceConfig,
  MysqlDatasourceConfig,
  PostgresDatasourceConfig,
  SqliteDatasourceConfig,
} from './services/datasources/types'
export type { FilesOptions } from './services/files/createFiles'
export { createFiles } from './services/files/createFiles'
export type { HttpFailure, HttpOptions } from './services/http'
export { createHttp, DEFAULT_HTTP_OPTIONS } from './services/http'
export type { LoggerOptions, MemoryLogger } from './services/logger'
export { createLogger, formatLogLine } from './services/logger'
export { DEFAULT_FROM } from './services/mail/compose'
export type { MailConfig, MailerOptions } from './services/mail/createMailer'
export { createMailer } from './services/mail/createMailer'
export type { MailLimits } from './services/mail/limits'
export { DEFAULT_MAIL_LIMITS } from './services/mail/limits'
export type { Outbox, StoredMail } from './services/mail/outbox'
export { openOutbox } from './services/mail/outbox'
export type { SourcesOptions } from './services/sources/createSources'
export { createSources } from './services/sources/createSources'
