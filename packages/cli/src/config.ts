import { readFile } from 'node:fs/promises'
import { delimiter, dirname, join, resolve } from 'node:path'
import { CliError, ErrorCodes, type Position } from '@quantum/ast'
import type { z } from 'zod'
import { configProblems, leafIssues, settingMessage } from './config/issues'
import { knownKeys } from './config/jsonSchema'
import { JsonLocator } from './config/locate'
import { smtpUrl } from './config/pieces'
import { configSchema } from './config/schema'
import type { CliIO } from './io'
import { redisUrlSetting } from './settings'

/** The name of the configuration file looked for in the working directory. */
export const CONFIG_FILE_NAME = 'quantum.config.json'

/**
 * `quantum.config.json` as loaded (`config/schema.ts` declares every key, with its description). Every key
 * is optional; `mail` is as the runtime takes it (`outboxMaxAge` read into `outboxMaxAgeMs`).
 */
export type QuantumConfig = z.output<typeof configSchema>

/** The `parser` section. */
export type ParserConfig = NonNullable<QuantumConfig['parser']>

/** The `scheduler` section: durations as `q:schedule` writes them (`60s`, `2m`) or whole seconds. */
export type SchedulerConfig = NonNullable<QuantumConfig['scheduler']>

/** `redis` in `quantum.config.json`, in its object form. */
export type RedisConfig = Exclude<NonNullable<QuantumConfig['redis']>, string>

/** `files` in `quantum.config.json`; roots are absolute once loaded. */
export type FilesConfig = NonNullable<QuantumConfig['files']>

/** The `threads` section: whole numbers of at least 1. */
export type ThreadsConfig = NonNullable<QuantumConfig['threads']>

/** The configuration in effect, and the file it came from when there was one. */
export interface LoadedConfig {
  config: QuantumConfig
  /** Absolute path of the file that was read. */
  file?: string
}

/**
 * Read the configuration: `file` when given (it must exist), else `quantum.config.json` in the working
 * directory when present, else none. Then the environment overrides it: `QUANTUM_MAIL_URL` switches mail to
 * SMTP at that URL, and `QUANTUM_FILES_ROOTS` (folders separated by `path.delimiter`, relative to the working
 * directory) replaces `files.roots`. (`QUANTUM_HOME` and `QUANTUM_REDIS_URL` are global options, see
 * `resolveGlobalOptions`.) `home` and relative `files.roots` in the file are made absolute against the
 * file's folder.
 *
 * @throws CliError `CLI_CONFIG` when the file cannot be read, is not JSON, or has a key or value of the wrong
 *   shape (at its line and column, every problem in `errors`), or when an environment override is
 *   malformed; its `file` is the file or variable at fault
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
      throw configError(`cannot read configuration (${reason(error)})`, path, { cause: error })
    }
  }
  const loaded: LoadedConfig =
    text === undefined ? { config: {} } : { config: parseConfig(text, path), file: path }
  const { config } = loaded
  const folder = dirname(path)
  if (config.home !== undefined) config.home = resolve(folder, config.home)
  if (config.files?.roots) config.files.roots = config.files.roots.map((root) => resolve(folder, root))
  applyEnvironment(config, io)
  return loaded
}

/**
 * Check a configuration file's text against the schema; `source` names it in errors.
 *
 * @throws CliError `CLI_CONFIG` at the first problem (by place in the file), with every problem in `errors`
 */
export function parseConfig(text: string, source: string): QuantumConfig {
  const locator = new JsonLocator(text)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw configError(`invalid JSON (${reason(error)})`, source, {
      cause: error,
      position: locator.syntaxError,
    })
  }
  const read = configSchema.safeParse(value, { reportInput: true })
  if (read.success) return read.data
  const located = configProblems(read.error.issues, knownKeys).map((problem) =>
    configError(problem.message, source, { position: locator.find(problem.path, problem) }),
  )
  located.sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0))
  const [first] = located as [CliError, ...CliError[]]
  if (located.length === 1) throw first
  throw configError(first.message, source, { position: first.position, errors: located })
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
  const read = smtpUrl.safeParse(url)
  if (!read.success)
    throw configError(
      settingMessage(leafIssues(read.error.issues)[0] as z.core.$ZodIssue),
      'QUANTUM_MAIL_URL',
    )
  // The sender and the size limits stay; only the transport changes.
  const { transport: _, ...kept } = config.mail ?? { transport: 'outbox' }
  config.mail = { ...kept, transport: 'smtp', url }
}

/** A configuration that cannot be used; `source` is the file or environment variable at fault. */
function configError(
  message: string,
  source: string,
  { cause, position, errors }: { cause?: unknown; position?: Position | undefined; errors?: CliError[] } = {},
): CliError {
  return new CliError(ErrorCodes.CLI_CONFIG, message, {
    file: source,
    ...(cause === undefined ? {} : { cause }),
    ...(position === undefined ? {} : { position }),
    ...(errors === undefined ? {} : { errors }),
  })
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
