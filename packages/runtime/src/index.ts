/**
 * @packageDocumentation
 * The Quantum interpreter: runs a parsed `Document` with lexical scopes, the closed expression
 * language, one execution handler per tag, and the services a host passes in. The runtime never
 * imports the parser; the real services are in `@quantum/runtime/services`.
 */

export type { ExecutionHandler, Flow, HandlerMap } from './execute'
export { jsonSafe, portableLogEntry, serializeError } from './jobs/crossing'
export type {
  BodyExecution,
  BodyExecutor,
  BodyOutcome,
  DispatchReceipt,
  DispatchRequest,
  JobDefinition,
  JobService,
  PortableBody,
  ScheduleDefinition,
  ScheduleInfo,
  ScheduleService,
  ScheduleTrigger,
  ThreadInfo,
  ThreadRequest,
  ThreadService,
  ThreadStatus,
} from './jobs/types'
export type { Limits } from './run/limits'
export { DEFAULT_LIMITS } from './run/limits'
export type { Register, Registers } from './run/registers'
export { defineRegister } from './run/registers'
export type { DocumentFrame, Redirect } from './run/state'
export type { BodyRunOptions, BodyRunResult, Runtime } from './runtime'
export { createRuntime } from './runtime'
export type { RunOptions, RunResult, RuntimeOptions, RuntimeServices } from './runtimeTypes'
export type { ContextKind } from './scope/context'
export { Context } from './scope/context'
export type {
  Clock,
  ComponentRequest,
  Datasources,
  FileContent,
  FileReadRequest,
  FileRequest,
  FileStat,
  FileStream,
  Files,
  Http,
  HttpRequest,
  HttpResponse,
  HttpStreamResponse,
  LoadedComponent,
  LoadedTemplate,
  LogEntry,
  Logger,
  MailAttachment,
  Mailer,
  MailMessage,
  MailReceipt,
  QueryRequest,
  QueryResult,
  Sources,
} from './services/types'
export { builtinHandlers } from './tags/index'
export type { IterationObserver } from './tags/loop'
export { observeIterations } from './tags/loop'
export { describeTrigger } from './tags/schedule'
export type { BindParametersOptions, BoundParameters } from './values/bindParameters'
export { bindParameters } from './values/bindParameters'
export type { ConversionResult } from './values/convert'
export { convertValue } from './values/convert'
export { toJson, toText } from './values/render'
export { truthy } from './values/truthy'
