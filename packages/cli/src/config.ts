import { readFile } from 'node:fs/promises'
import { delimiter, dirname, join, resolve } from 'node:path'
import { CliError, ErrorCodes } from '@quantum/ast'
import { DEFAULT_LIMITS, type Limits } from '@quantum/runtime'
import {
  type DatasourceConfig,
  DEFAULT_HTTP_OPTIONS,
  type HttpOptions,
  type MailConfig,
  type MailLimits,
} from '@quantum/runtime/services'
import type { CliIO } from './io'
import { durationSetting, redisUrlSetting, wholeNumberSetting } from './settings'

/** The name of the configuration file looked for in the working directory. */
export const CONFIG_FILE_NAME = 'quantum.config.json'

/** `quantum.config.json` (ARCHITECTURE.md §8). Every key is optional; each has a default. */
export interface QuantumConfig {
  /** Named SQL datasources; `{ db: sqlite <home>/app.db }` when absent. Relative SQLite paths are under the home. */
  datasources?: Record<string, DatasourceConfig>
  /** How `q:mail` sends: the outbox in the state folder (default) or an SMTP server. */
  mail?: MailConfig
  /** Bounds on one run (steps, wall time, output, call depth). */
  limits?: Partial<Limits>
  /** Bounds on `q:invoke url=` calls: the timeout when the tag gives none, and body size caps in bytes. */
  http?: Partial<HttpOptions>
  /** The files a program may read besides its app folder's; roots are absolute once loaded. */
  files?: FilesConfig
  /** The thread pool `q:thread` runs on: `max` bodies at once (default 10), on `workers` threads (default: cores). */
  threads?: ThreadsConfig
  /**
   * Keep schedules, history and control on Redis instead of `<home>/quantum.db`: a URL, or the URL and a
   * key prefix for this installation (default `quantum`). `--redis` and `QUANTUM_REDIS_URL` override the URL.
   */
  redis?: string | RedisConfig
  /** How a worker (or `quantum run --serve`) hosts schedules. */
  scheduler?: SchedulerConfig
  /** `quantum worker start` serves `/metrics` and `/health` on 127.0.0.1 at `port`; `--metrics-port` overrides it. */
  metrics?: { port?: number }
  /** How `.q` files are read by `check`, `run` and a worker. */
  parser?: ParserConfig
}

/** The `parser` section. */
export interface ParserConfig {
  /** A `.q` file larger than this many bytes is refused unread (`PARSE_SOURCE_TOO_LARGE`). @defaultValue 5242880 (5 MiB) */
  maxSourceBytes?: number
}

/** The `scheduler` section: durations as `q:schedule` writes them (`60s`, `2m`) or whole seconds. */
export interface SchedulerConfig {
  /** How late a run that came due while no worker ran may still run (as `late`); older ones are `missed`. @defaultValue `60s` */
  misfireGrace?: string | number
  /** How long a stopping worker lets fires in flight finish before it ends them (`terminated`). @defaultValue `10s` */
  stopGrace?: string | number
}

const SCHEDULER_KEYS = ['misfireGrace', 'stopGrace']

/** `redis` in `quantum.config.json`, in its object form. */
export interface RedisConfig {
  /** `redis://` or `rediss://` URL; a password in it is never printed. */
  url: string
  /** What every key of this installation starts with. @defaultValue `quantum` */
  prefix?: string
}

/** `files` in `quantum.config.json`. */
export interface FilesConfig {
  /** More folders a program may read and write (relative ones are relative to the configuration file). */
  roots?: string[]
  /** Most bytes one file read returns (25 MiB when absent). */
  maxReadBytes?: number
}

/** The `threads` section: whole numbers of at least 1. */
export interface ThreadsConfig {
  /** Thread bodies running at once; more wait as `NOT_STARTED`. @defaultValue 10 */
  max?: number
  /** Worker threads they run on. @defaultValue the number of cores */
  workers?: number
}

const THREADS_KEYS = ['max', 'workers']

/** The configuration in effect, and the file it came from when there was one. */
export interface LoadedConfig {
  config: QuantumConfig
  /** Absolute path of the file that was read. */
  file?: string
}

const KNOWN_KEYS = [
  '$schema',
  'datasources',
  'mail',
  'limits',
  'http',
  'files',
  'redis',
  'threads',
  'scheduler',
  'metrics',
  'parser',
  // The state folder, relative to the file (issue 20: the zod schema declares and checks it).
  'home',
]

/**
 * Read the configuration: `file` when given (it must exist), else `quantum.config.json` in the working
 * directory when present, else none. Then the environment overrides it: `QUANTUM_MAIL_URL` switches mail to
 * SMTP at that URL, and `QUANTUM_FILES_ROOTS` (folders separated by `path.delimiter`, relative to the working
 * directory) replaces `files.roots`. (`QUANTUM_HOME` and `QUANTUM_REDIS_URL` are global options, see
 * `resolveGlobalOptions`.) Relative `files.roots` in the file are made absolute against the file's folder.
 *
 * @throws CliError `CLI_CONFIG` when the file cannot be read, is not JSON, or has a key or value of the wrong
 *   shape, or when an environment override is malformed; its `file` is the file or variable at fault
 */
export async function loadConfig(
  file: string | undefined,
  io: Pick<CliIO, 'cwd' | 'env'>,
): Promise<LoadedConfig> {
  const path = file ?? join(io.cwd, CONFIG_FILE_NAME)
  let text: string | undefined
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (file !== undefined || code !== 'ENOENT') {
      throw configError(`cannot read configuration (${reason(error)})`, path, error)
    }
  }
  const loaded: LoadedConfig =
    text === undefined ? { config: {} } : { config: parseConfig(text, path), file: path }
  const roots = loaded.config.files?.roots
  if (loaded.config.files && roots)
    loaded.config.files.roots = roots.map((root) => resolve(dirname(path), root))
  applyEnvironment(loaded.config, io)
  return loaded
}

/** Check the shape of a configuration file's text; `source` names it in errors. */
export function parseConfig(text: string, source: string): QuantumConfig {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw configError(`invalid JSON (${reason(error)})`, source, error)
  }
  if (!isObject(value)) throw configError('the configuration must be a JSON object', source)
  for (const key of Object.keys(value)) {
    if (!KNOWN_KEYS.includes(key)) {
      throw configError(`unknown key '${key}' (known keys: ${KNOWN_KEYS.slice(1).join(', ')})`, source)
    }
  }
  const config = value as QuantumConfig
  if (value.datasources !== undefined) checkDatasources(value.datasources, source)
  if (value.mail !== undefined) config.mail = checkMail(value.mail, source)
  if (value.limits !== undefined) checkLimits(value.limits, source)
  if (value.http !== undefined)
    checkWholeNumbers('http', value.http, Object.keys(DEFAULT_HTTP_OPTIONS), source)
  if (value.files !== undefined) checkFiles(value.files, source)
  if (value.threads !== undefined) checkWholeNumbers('threads', value.threads, THREADS_KEYS, source)
  if (value.redis !== undefined) checkRedis(value.redis, source)
  if (value.scheduler !== undefined) checkScheduler(value.scheduler, source)
  if (value.metrics !== undefined) checkWholeNumbers('metrics', value.metrics, ['port'], source)
  if (value.parser !== undefined) checkWholeNumbers('parser', value.parser, ['maxSourceBytes'], source)
  return config
}

function applyEnvironment(config: QuantumConfig, { env, cwd }: Pick<CliIO, 'cwd' | 'env'>) {
  const roots = env.QUANTUM_FILES_ROOTS
  if (roots !== undefined && roots !== '') {
    const folders = roots.split(delimiter).filter((root) => root !== '')
    config.files = { ...config.files, roots: folders.map((root) => resolve(cwd, root)) }
  }
  const redisUrl = env.QUANTUM_REDIS_URL
  if (redisUrl !== undefined && redisUrl !== '') {
    const read = redisUrlSetting(redisUrl)
    if (!read.ok) throw configError(read.message, 'QUANTUM_REDIS_URL')
  }
  const url = env.QUANTUM_MAIL_URL
  if (url === undefined || url === '') return
  if (!isSmtpUrl(url)) throw configError('must be an smtp:// or smtps:// URL', 'QUANTUM_MAIL_URL')
  // The sender and the size limits stay; only the transport changes.
  const { transport: _, ...kept } = config.mail ?? { transport: 'outbox' }
  config.mail = { ...kept, transport: 'smtp', url }
}

// Drivers and their fields are checked by createDatasources, which names the datasource at fault.
function checkDatasources(value: unknown, source: string) {
  if (!isObject(value)) throw configError("'datasources' must be an object of named datasources", source)
  for (const [name, entry] of Object.entries(value)) {
    if (!isObject(entry)) {
      throw configError(`datasource '${name}' must be an object like { "driver": "sqlite" }`, source)
    }
  }
}

const MAIL_KEYS = ['transport', 'url', 'from', 'maxMessageBytes', 'maxOutboxBytes', 'outboxMaxAge']

function checkMail(value: unknown, source: string): MailConfig {
  if (!isObject(value)) throw configError("'mail' must be an object", source)
  for (const key of Object.keys(value)) {
    if (!MAIL_KEYS.includes(key)) {
      throw configError(`unknown key 'mail.${key}' (known keys: ${MAIL_KEYS.join(', ')})`, source)
    }
  }
  const { transport = 'outbox', url, from } = value
  const limits = mailLimits(value, source)
  if (transport === 'outbox') return { transport, ...limits }
  if (transport !== 'smtp') {
    throw configError(`mail transport must be 'outbox' or 'smtp', not ${JSON.stringify(transport)}`, source)
  }
  if (typeof url !== 'string' || !isSmtpUrl(url)) {
    throw configError("mail transport 'smtp' needs a 'url' like smtp://user:pass@host:587", source)
  }
  if (from !== undefined && typeof from !== 'string')
    throw configError("mail 'from' must be a string", source)
  return from === undefined ? { transport, url, ...limits } : { transport, url, from, ...limits }
}

/** The size limits and the outbox retention of the `mail` section, as the runtime takes them. */
function mailLimits(value: Record<string, unknown>, source: string): Partial<MailLimits> {
  const limits: Partial<MailLimits> = {}
  for (const key of ['maxMessageBytes', 'maxOutboxBytes'] as const) {
    const setting = value[key]
    if (setting === undefined) continue
    const read = typeof setting === 'number' ? wholeNumberSetting(setting, 1) : undefined
    if (!read?.ok) throw configError(`'mail.${key}' must be a whole number of at least 1`, source)
    limits[key] = read.value
  }
  if (value.outboxMaxAge !== undefined) {
    const read = durationSetting(value.outboxMaxAge)
    if (!read.ok) throw configError(`'mail.outboxMaxAge': ${read.message}`, source)
    limits.outboxMaxAgeMs = read.value
  }
  return limits
}

function checkLimits(value: unknown, source: string) {
  if (!isObject(value)) throw configError("'limits' must be an object", source)
  const known = Object.keys(DEFAULT_LIMITS)
  for (const [key, limit] of Object.entries(value)) {
    if (!known.includes(key)) {
      throw configError(`unknown limit '${key}' (known limits: ${known.join(', ')})`, source)
    }
    if (typeof limit !== 'number' || !Number.isFinite(limit) || limit < 0) {
      throw configError(`limit '${key}' must be a number of at least 0`, source)
    }
  }
}

/** A section of whole-number settings of at least 1 (`http`, `threads`, `parser`), each from `known`. */
function checkWholeNumbers(section: string, value: unknown, known: readonly string[], source: string) {
  if (!isObject(value)) throw configError(`'${section}' must be an object`, source)
  for (const [key, setting] of Object.entries(value)) {
    if (!known.includes(key)) {
      throw configError(`unknown ${section} setting '${key}' (known settings: ${known.join(', ')})`, source)
    }
    const read = typeof setting === 'number' ? wholeNumberSetting(setting, 1) : undefined
    if (!read?.ok) {
      throw configError(`${section} setting '${key}' must be a whole number of at least 1`, source)
    }
  }
}

function checkFiles(value: unknown, source: string) {
  if (!isObject(value))
    throw configError('\'files\' must be an object like { "roots": ["../shared"] }', source)
  for (const key of Object.keys(value)) {
    if (key !== 'roots' && key !== 'maxReadBytes') {
      throw configError(`unknown key 'files.${key}' (known keys: roots, maxReadBytes)`, source)
    }
  }
  const { roots, maxReadBytes } = value
  if (
    roots !== undefined &&
    (!Array.isArray(roots) || roots.some((root) => typeof root !== 'string' || root === ''))
  ) {
    throw configError("'files.roots' must be an array of folder paths", source)
  }
  if (
    maxReadBytes !== undefined &&
    (typeof maxReadBytes !== 'number' || !Number.isSafeInteger(maxReadBytes) || maxReadBytes < 0)
  ) {
    throw configError("'files.maxReadBytes' must be a whole number of at least 0", source)
  }
}

function checkRedis(value: unknown, source: string) {
  const example = 'like "redis://127.0.0.1:6379" or { "url": "redis://…", "prefix": "shop" }'
  if (typeof value === 'string') {
    if (!redisUrlSetting(value).ok)
      throw configError(`'redis' must be a redis:// or rediss:// URL, ${example}`, source)
    return
  }
  if (!isObject(value)) throw configError(`'redis' must be a URL or an object, ${example}`, source)
  for (const key of Object.keys(value)) {
    if (key !== 'url' && key !== 'prefix') {
      throw configError(`unknown key 'redis.${key}' (known keys: url, prefix)`, source)
    }
  }
  if (!redisUrlSetting(value.url).ok) {
    throw configError("'redis.url' must be a redis:// or rediss:// URL", source)
  }
  if (value.prefix !== undefined && (typeof value.prefix !== 'string' || value.prefix === '')) {
    throw configError("'redis.prefix' must be a non-empty string", source)
  }
}

function checkScheduler(value: unknown, source: string) {
  if (!isObject(value))
    throw configError('\'scheduler\' must be an object like { "misfireGrace": "60s" }', source)
  for (const [key, setting] of Object.entries(value)) {
    if (!SCHEDULER_KEYS.includes(key)) {
      throw configError(
        `unknown scheduler setting '${key}' (known settings: ${SCHEDULER_KEYS.join(', ')})`,
        source,
      )
    }
    const read = durationSetting(setting, { allowZero: true })
    if (!read.ok) throw configError(`scheduler setting '${key}': ${read.message}`, source)
  }
}

function isSmtpUrl(url: string): boolean {
  return /^smtps?:\/\/./i.test(url)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A configuration that cannot be used; `source` is the file or environment variable at fault. */
function configError(message: string, source: string, cause?: unknown): CliError {
  return new CliError(
    ErrorCodes.CLI_CONFIG,
    message,
    cause === undefined ? { file: source } : { file: source, cause },
  )
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
