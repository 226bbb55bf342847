import type { Bindable, Document, LogLevel, MailCharset } from '@quantum/ast'

/**
 * The services a run uses. The runtime declares them; a host (the CLI, the worker, a test) passes
 * implementations to `createRuntime`. A tag whose service is missing fails with
 * `RUNTIME_SERVICE_MISSING`, never with a fake result.
 */

/** A named-parameter SQL statement to run on one datasource. */
export interface QueryRequest {
  /** Datasource name from configuration (`db` by default). */
  datasource: string
  /** SQL with `:name` placeholders, exactly as written in `q:query`. */
  sql: string
  /** Values for the placeholders, already converted to their declared types. */
  params: Record<string, unknown>
  /** Stop the statement (where the driver can) when the run is cancelled. */
  signal?: AbortSignal
  /** Fail with a timeout after this many milliseconds. */
  timeoutMs?: number
  /** Return at most this many rows. */
  maxRows?: number
  /**
   * Fail with `RUNTIME_LIMIT_EXCEEDED` (the statement stopped) when the result has more rows than
   * this; rows are counted as the driver delivers them. `DEFAULT_LIMITS.maxQueryRows` when not given.
   */
  maxQueryRows?: number
  /**
   * Characters of one string or bytes of one blob the result may hold, and of all its values
   * together; past it, `RUNTIME_LIMIT_EXCEEDED`. `DEFAULT_LIMITS.maxValueLength` when not given.
   */
  maxValueLength?: number
  /** The document the statement is in (`RunState.file`): a file it names (SQLite `ATTACH`) is relative to its folder. */
  file?: string
}

/** What a statement returned. */
export interface QueryResult {
  rows: Record<string, unknown>[]
  /** Column names in result order (empty for statements that return no rows). */
  columns: string[]
  /** Rows changed by INSERT/UPDATE/DELETE (0 for SELECT). */
  affectedRows: number
  /** Id of the last inserted row, when the driver reports one. */
  lastInsertId: number | string | null
  /** Milliseconds the statement took. */
  executionTime: number
}

/** SQL datasources by name. */
export interface Datasources {
  query(request: QueryRequest): Promise<QueryResult>
  /** Close every pool and connection. */
  close(): Promise<void>
}

/** A message as `q:mail` builds it. Addresses are already split on commas and trimmed. */
export interface MailMessage {
  to: string[]
  cc: string[]
  bcc: string[]
  from: string
  replyTo?: string
  subject: string
  format: 'html' | 'text'
  body: string
  /** The body's character set (UTF-8 when absent): declared in its Content-Type and used to encode it. */
  charset?: MailCharset
  /** Files to attach, opened (within the file rules) by the tag. */
  attachments: MailAttachment[]
}

/**
 * A file attached to a message: its bytes, or its chunks as they are read and the size it had when it
 * was opened (so an oversized message fails before a byte is read). The mailer reads the chunks once,
 * while it writes the message, so a large attachment is never held whole in memory.
 */
export type MailAttachment =
  | { filename: string; content: Buffer }
  | { filename: string; content: AsyncIterable<Buffer>; size: number }

/** The outcome of sending one message. */
export interface MailReceipt {
  messageId: string
  /** `outbox` or `smtp`. */
  transport: string
  /** The outbox id, when the transport stores messages. */
  id?: string
}

/** Sends mail (`q:mail`). */
export interface Mailer {
  send(message: MailMessage, signal?: AbortSignal): Promise<MailReceipt>
  close(): Promise<void>
}

/** An HTTP request as `q:invoke url=` builds it. */
export interface HttpRequest {
  url: string
  method: string
  headers: Record<string, string>
  body?: string
  timeoutMs?: number
  signal?: AbortSignal
}

/** An HTTP response; `data` is parsed JSON when the response says it is JSON, else the text. */
export interface HttpResponse {
  status: number
  ok: boolean
  headers: Record<string, string>
  data: unknown
  text: string
  elapsedMs: number
}

/** A response whose body is read as it arrives (a large CSV `q:data`). */
export interface HttpStreamResponse {
  status: number
  ok: boolean
  headers: Record<string, string>
  /** The body's bytes, under the call's timeout, signal and body cap. Leaving the loop early drops the rest. */
  chunks: AsyncIterable<Uint8Array>
  /** Drop the body without reading it. */
  cancel(): Promise<void>
}

/** Makes HTTP calls (`q:invoke url=`, `q:data source="https://…"`). */
export interface Http {
  request(request: HttpRequest): Promise<HttpResponse>
  /** Like `request`, with the body read as a stream; a client without it has `q:data` use `request`. */
  stream?(request: HttpRequest): Promise<HttpStreamResponse>
}

/** One log line (`q:log`, and the runtime's own messages). */
export interface LogEntry {
  time: Date
  level: LogLevel
  message: string
  context?: unknown
  correlationId?: string
}

/** Writes log lines. */
export interface Logger {
  log(entry: LogEntry): void
}

/** A file a program names (`q:attachment file=`, a SQLite `ATTACH`). */
export interface FileRequest {
  /** The path as the program wrote it; a relative one resolves against the folder of `from`. */
  path: string
  /** The document the path appears in, as the run names it (`RunState.file`); without it, the app folder. */
  from?: string
  /** What the file is for, as errors name it (`Attachment`, `ATTACH`); `File` when absent. */
  purpose?: string
}

/** A file to read, and the signal that stops the read. */
export interface FileReadRequest extends FileRequest {
  signal?: AbortSignal
  /**
   * For {@link Files.stream}: hold the stream to the host's size cap too (`files.maxReadBytes`), as a
   * whole read is: refused when opened larger, failed if it grows past the cap while it is read.
   */
  capped?: boolean
}

/** A file that was read. */
export interface FileContent {
  /** Its real, absolute path. */
  path: string
  content: Buffer
}

/** What {@link Files.stat} tells of a file a program may read. */
export interface FileStat {
  /** Its real, absolute path. */
  path: string
  size: number
  /** When it last changed, in milliseconds since the epoch. */
  modifiedMs: number
}

/**
 * A regular file opened to be read chunk by chunk (a large CSV `q:data` streams through its parser).
 * Reading `chunks` to the end, or leaving the loop early, closes the file; so does `close()`.
 */
export interface FileStream {
  /** Its real, absolute path. */
  path: string
  /** Its size in bytes when it was opened. */
  size: number
  /** When it was last modified, in milliseconds since the epoch. */
  modifiedMs: number
  /** Its bytes; fails with `RUNTIME_ABORTED` once the request's signal fires. */
  chunks: AsyncIterable<Buffer>
  /** Close the file without reading it (or the rest of it). */
  close(): Promise<void>
}

/**
 * The files a program may reach: inside its app folder and the configured roots (`files.roots`),
 * after `..` and symlinks are resolved, and never in the state folder. Refusals are
 * `RUNTIME_FILE_ACCESS` errors naming the path and the rule.
 */
export interface Files {
  /** A regular file's bytes, up to the host's size cap (`RUNTIME_LIMIT_EXCEEDED` beyond it). */
  read(request: FileReadRequest): Promise<FileContent>
  /** The real path, size and modification time of a regular file the program may read. */
  stat(request: FileRequest): Promise<FileStat>
  /**
   * A regular file opened to be read in chunks, under the same rules as `read`. Only a chunk at a time
   * is held, so no size cap applies: the run's signal (and so its wall time) bounds the read.
   */
  stream(request: FileReadRequest): Promise<FileStream>
  /** The real absolute path of a file a statement may open or create (SQLite `ATTACH`, `VACUUM INTO`). */
  resolveWritable(request: FileRequest): Promise<string>
}

/** Another component a run calls (`q:invoke component=`). */
export interface ComponentRequest {
  /** The component's name; its file is `<name>.q`. */
  name: string
  /** The document the call is in (`RunState.file`): its folder is searched first. */
  from?: string
}

/** A component's document, found and parsed. */
export interface LoadedComponent {
  /** The file's real, absolute path: what errors inside it name. */
  file: string
  document: Document
}

/** A template a run renders (`<q:body template="…">`), found by the file rules. */
export interface LoadedTemplate {
  /** The file's real, absolute path. */
  file: string
  /** Its text, parsed for `{expr}` databinding; positions are in the file. */
  content: Bindable
}

/**
 * Quantum source a run loads while it runs: another component's document and template files. The
 * runtime never parses, so the host provides this with the parser (`createSources` takes its parse
 * functions). Files are found through the {@link Files} rules; problems are located in the loaded file.
 */
export interface Sources {
  /**
   * `<name>.q` from the folder of `request.from`, else from the app's component path, parsed and
   * validated. `RUNTIME_NOT_FOUND` when no such file exists; its parse problems as the parser reports them.
   */
  component(request: ComponentRequest): Promise<LoadedComponent>
  /** A template file (`RUNTIME_FILE` when missing), parsed for `{expr}` (a `ParseError` located in it). */
  template(request: FileRequest): Promise<LoadedTemplate>
}

/** The time source; tests and the scheduler inject their own. */
export interface Clock {
  now(): Date
}
