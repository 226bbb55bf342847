import { MAX_SOURCE_BYTES } from '@quantum/parser'
import { DEFAULT_LIMITS, type Limits } from '@quantum/runtime'
import {
  DEFAULT_HTTP_OPTIONS,
  DEFAULT_MAIL_LIMITS,
  type HttpOptions,
  type MailConfig,
} from '@quantum/runtime/services'
import { formatMilliseconds } from '@quantum/time'
import { z } from 'zod'
import {
  duration,
  durationMs,
  nonEmptyString,
  nonNegativeNumber,
  PROBLEM,
  redisUrl,
  smtpUrl,
  wholeNumber,
} from './pieces'

/**
 * `quantum.config.json`, declared once: the loader validates with it, the types are inferred from it, and
 * the JSON Schema shipped for editors and the table in the docs are generated from it. Every key is
 * optional and has a description (an editor's hover, a row of the docs); `default` is the value in effect
 * when the key is absent, `defaultText` says it in words where a value cannot.
 */

/** What a key's metadata may say besides its description. */
export interface KeyMeta {
  [keyword: string]: unknown
  description: string
  /** The value in effect when the key is absent, as it would be written in the file. */
  default?: unknown
  /** The default in words, for the docs, where `default` is not enough (`25 MiB`, `the number of cores`). */
  defaultText?: string
}

const meta = (description: string, more: Omit<KeyMeta, 'description'> = {}): KeyMeta => ({
  description,
  ...more,
})

/** An object of known keys; any other key is refused. */
function section<T extends z.core.$ZodLooseShape>(shape: T, example?: string) {
  return z.strictObject(shape, { error: example === undefined ? 'an object' : `an object like ${example}` })
}

const MIB = 1024 * 1024
const mib = (bytes: number) => `${bytes / MIB} MiB`

const sqlite = section({
  driver: z.literal('sqlite'),
  path: z
    .string({ error: 'a file path' })
    .optional()
    .meta(
      meta('The database file, relative to the state folder, or `:memory:`.', { defaultText: '`app.db`' }),
    ),
  allowAttach: z
    .boolean({ error: 'true or false' })
    .optional()
    .meta(
      meta(
        'Let statements `ATTACH` and `VACUUM INTO` files within the file rules (never the state database).',
        { default: false },
      ),
    ),
})

function server<const D extends readonly [string, ...string[]]>(drivers: D, example: string) {
  return section({
    driver: z.enum(drivers),
    url: z.string({ error: `a URL like ${example}` }).meta(meta(`The server, as a URL like ${example}.`)),
    max: wholeNumber(1)
      .optional()
      .meta(meta('Most connections the pool opens.', { default: 10 })),
  })
}

const datasource = z.discriminatedUnion(
  'driver',
  [
    sqlite,
    server(['postgres', 'postgresql'], 'postgres://user:pass@host:5432/db'),
    server(['mysql', 'mariadb'], 'mysql://user:pass@host:3306/db'),
  ],
  { error: 'a datasource like { "driver": "sqlite" }' },
)

const mail = section({
  transport: z
    .enum(['outbox', 'smtp'], { error: "'outbox' or 'smtp'" })
    .optional()
    .meta(
      meta("`outbox` keeps messages in the state folder's `quantum.db`; `smtp` sends them to `url`.", {
        default: 'outbox',
      }),
    ),
  url: smtpUrl
    .optional()
    .meta(meta('The SMTP server when `transport` is `smtp`: `smtp://user:pass@host:587`.')),
  from: z
    .string({ error: 'a string' })
    .optional()
    .meta(meta('The sender of messages that name none (SMTP only).', { default: 'noreply@quantum.dev' })),
  maxMessageBytes: wholeNumber(1)
    .optional()
    .meta(
      meta(
        "Most bytes of one message's body plus attachments; past it `q:mail` fails with `RUNTIME_LIMIT_EXCEEDED`.",
        {
          default: DEFAULT_MAIL_LIMITS.maxMessageBytes,
          defaultText: mib(DEFAULT_MAIL_LIMITS.maxMessageBytes),
        },
      ),
    ),
  maxOutboxBytes: wholeNumber(1)
    .optional()
    .meta(
      meta('Most bytes the outbox holds.', {
        default: DEFAULT_MAIL_LIMITS.maxOutboxBytes,
        defaultText: mib(DEFAULT_MAIL_LIMITS.maxOutboxBytes),
      }),
    ),
  outboxMaxAge: duration()
    .optional()
    .meta(
      meta('How long the outbox keeps a message: a duration (`7d`) or whole seconds.', {
        default: formatMilliseconds(DEFAULT_MAIL_LIMITS.outboxMaxAgeMs),
      }),
    ),
})
  .superRefine((value, context) => {
    if (value.transport !== 'smtp' || value.url !== undefined) return
    const message = "required with transport 'smtp', like smtp://user:pass@host:587"
    context.addIssue({ code: 'custom', path: ['url'], message, params: PROBLEM })
  })
  .transform(({ transport = 'outbox', url, from, outboxMaxAge, ...limits }): MailConfig => {
    const sizes = {
      ...limits,
      ...(outboxMaxAge === undefined ? {} : { outboxMaxAgeMs: durationMs(outboxMaxAge) }),
    }
    if (transport === 'outbox' || url === undefined) return { transport: 'outbox', ...sizes }
    return { transport, url, ...(from === undefined ? {} : { from }), ...sizes }
  })

const LIMITS: Record<keyof Limits, string> = {
  maxSteps: 'Statements run, plus one per item that comparing, sorting or serialising visits.',
  maxWallTimeMs: 'Milliseconds from the start of the run (0: none).',
  maxOutput: 'Characters of output.',
  maxCallDepth: 'Nested function calls.',
  maxValueLength: 'Characters of a string, items of an array or object, JSON characters of a result.',
  maxValueDepth: 'Nesting of arrays and objects.',
  maxQueryRows: 'Rows one `q:query` returns (counted as they arrive; the statement is stopped past it).',
  maxLogEntries: '`q:log` entries.',
  maxLogCharacters: 'Characters logged.',
  yieldEveryMs: 'Longest stretch of work, in milliseconds, before other work gets a turn.',
  maxBatchJobs: 'Jobs one `q:job action="batch"` enqueues.',
}

const HTTP: Record<keyof HttpOptions, string> = {
  timeoutMs: 'Milliseconds a `q:invoke url=` without a `timeout` may take, body included.',
  maxResponseBytes:
    'Most bytes of a response body (declared or as it streams in); past it the call fails with `RUNTIME_HTTP`.',
  maxRequestBytes: 'Most bytes of a request body; a larger one is never sent.',
}

/** A section of whole numbers of at least 1, one per key of `descriptions`, with `defaults`. */
function numbers<K extends string>(
  descriptions: Record<K, string>,
  defaults: Readonly<Record<K, number>>,
  value: z.ZodType<number, number>,
) {
  const keys = Object.keys(descriptions) as K[]
  const shape = Object.fromEntries(
    keys.map((key) => [key, value.optional().meta(meta(descriptions[key], { default: defaults[key] }))]),
  ) as unknown as { [P in K]: z.ZodOptional<z.ZodType<number, number>> }
  return section(shape)
}

const redisObject = section({
  url: redisUrl.meta(meta('The Redis server.')),
  prefix: nonEmptyString('string')
    .optional()
    .meta(meta('What every key of this installation starts with.', { default: 'quantum' })),
})

/** The schema of `quantum.config.json`. */
export const configSchema = z.strictObject(
  {
    $schema: z
      .string({ error: 'a string' })
      .optional()
      .meta(
        meta(
          'The JSON Schema editors check this file with: `./node_modules/@quantum/cli/quantum.config.schema.json`.',
        ),
      ),
    home: nonEmptyString('folder path')
      .optional()
      .meta(
        meta(
          "The state folder (schedules, history, the outbox, `app.db`), relative to this file's folder. `--home` and `QUANTUM_HOME` override it.",
        ),
      ),
    datasources: z
      .record(z.string(), datasource, { error: 'an object of named datasources' })
      .optional()
      .meta(
        meta(
          'Named SQL datasources: `sqlite` (`path`, `allowAttach`), `postgres` and `mysql` (`url`, `max`; the `pg` or `mysql2` package installed next to `@quantum/runtime`). Listing datasources replaces the default `db`.',
          { default: { db: { driver: 'sqlite', path: 'app.db' } } },
        ),
      ),
    mail: mail
      .optional()
      .meta(meta('How `q:mail` sends: kept in the outbox (the default) or through an SMTP server.')),
    limits: numbers(LIMITS, DEFAULT_LIMITS, nonNegativeNumber)
      .optional()
      .meta(meta('Bounds on every run; past one, the run ends with `RUNTIME_LIMIT_EXCEEDED`.')),
    http: numbers(HTTP, DEFAULT_HTTP_OPTIONS, wholeNumber(1))
      .optional()
      .meta(meta('Bounds on `q:invoke url=` calls and URL sources, each a whole number of at least 1.')),
    files: section(
      {
        roots: z
          .array(nonEmptyString('folder path'), { error: 'an array of folder paths' })
          .optional()
          .meta(
            meta(
              "More folders a program may read and write besides its app folder, relative to this file's folder.",
            ),
          ),
        maxReadBytes: wholeNumber(0)
          .optional()
          .meta(meta('Most bytes one file read returns.', { default: 25 * MIB, defaultText: mib(25 * MIB) })),
      },
      '{ "roots": ["../shared"] }',
    )
      .optional()
      .meta(meta('The files a program may read besides its app folder.')),
    threads: section({
      max: wholeNumber(1)
        .optional()
        .meta(
          meta('Thread bodies running at once; more wait as `NOT_STARTED`, by priority.', { default: 10 }),
        ),
      workers: wholeNumber(1)
        .optional()
        .meta(meta('Worker threads they run on.', { defaultText: 'the number of cores' })),
    })
      .optional()
      .meta(meta('The thread pool `q:thread` runs on, each a whole number of at least 1.')),
    redis: z
      .union([redisUrl, redisObject], {
        error: 'a redis:// or rediss:// URL or an object like { "url": "redis://…", "prefix": "shop" }',
      })
      .optional()
      .meta(
        meta(
          'Keep schedules, history and jobs on Redis instead of the state folder: a URL, or `{ "url", "prefix" }`. `--redis` and `QUANTUM_REDIS_URL` override the URL.',
        ),
      ),
    scheduler: section(
      {
        misfireGrace: duration({ allowZero: true })
          .optional()
          .meta(
            meta(
              'How late a run that came due while no worker ran may still run (as `late`); older ones are one `missed` row.',
              { default: '60s' },
            ),
          ),
        stopGrace: duration({ allowZero: true })
          .optional()
          .meta(
            meta(
              'How long a stopping worker lets fires and jobs in flight finish before it ends them (`terminated`).',
              { default: '10s' },
            ),
          ),
        workers: wholeNumber(1)
          .optional()
          .meta(
            meta(
              'Fire worker threads, started with the worker and shared by every schedule (each runs many fires at once). A worker runs at most `scheduler.workers` + `threads.workers` body threads.',
              { defaultText: 'the number of cores' },
            ),
          ),
      },
      '{ "misfireGrace": "60s" }',
    )
      .optional()
      .meta(
        meta(
          'How `worker start`, `run --serve` and `jobs run` host schedules. Durations as `q:schedule` writes them (`250ms`, `60s`, `2m`) or whole seconds; `0` allowed, 365 days at most. `workers` is a whole number of at least 1.',
        ),
      ),
    metrics: section({
      port: wholeNumber(0, 65535)
        .optional()
        .meta(
          meta(
            '`worker start` serves `/metrics` and `/health` on 127.0.0.1 at this port (0: any free port); `--metrics-port` overrides it.',
            { defaultText: 'not served' },
          ),
        ),
    })
      .optional()
      .meta(meta("The worker's Prometheus metrics and health endpoint.")),
    parser: section({
      maxSourceBytes: wholeNumber(1)
        .optional()
        .meta(
          meta(
            'The largest `.q` file `check`, `run` and a worker read; a larger one is refused unread with `PARSE_SOURCE_TOO_LARGE` (a worker skips it and loads the others).',
            { default: MAX_SOURCE_BYTES, defaultText: mib(MAX_SOURCE_BYTES) },
          ),
        ),
    })
      .optional()
      .meta(meta('How `.q` files are read.')),
  },
  { error: 'a JSON object' },
)
