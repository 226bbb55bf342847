import { parseArgs } from 'node:util'
import { CliError, ErrorCodes } from '@quantum/ast'

/** Which store the server shows: an embedded deployment's state folder, or Redis at a URL and prefix. */
export type Target = { kind: 'sqlite'; home: string } | { kind: 'redis'; url: string; prefix?: string }

/** What the command line asked for. */
export interface PlaygroundArgs {
  /** The deployment to monitor; undefined starts the playground on its own state folder. */
  target?: Target
  readOnly: boolean
  host: string
  port: number
}

const USAGE = 'usage: playground [--home DIR | --redis URL [--prefix P]] [--read-only] [--host H] [--port N]'

/**
 * Reads the command line (`pnpm … start -- FLAGS` may pass a leading `--`, which is skipped).
 *
 * @throws CliError `CLI_USAGE` for an unknown flag, a missing or bad value, or `--home` with `--redis`
 */
export function parsePlaygroundArgs(argv: readonly string[]): PlaygroundArgs {
  let values: ReturnType<typeof parse>['values']
  try {
    values = parse(argv[0] === '--' ? argv.slice(1) : [...argv]).values
  } catch (error) {
    throw usage((error as Error).message)
  }
  if (values.home !== undefined && values.redis !== undefined)
    throw usage('--home and --redis exclude each other')
  if (values.prefix !== undefined && values.redis === undefined) throw usage('--prefix needs --redis')
  if (values.home === '') throw usage('--home needs a folder')
  if (values.redis !== undefined && !/^rediss?:\/\/./.test(values.redis)) {
    throw usage(`--redis needs a redis:// or rediss:// URL, got '${values.redis}'`)
  }
  const port = Number(values.port ?? '0')
  if (!/^\d+$/.test(values.port ?? '0') || port > 65_535) {
    throw usage(`--port needs a port number from 0 to 65535, got '${values.port}'`)
  }
  if (values.host === '') throw usage('--host needs an address')
  const target: Target | undefined =
    values.home !== undefined
      ? { kind: 'sqlite', home: values.home }
      : values.redis !== undefined
        ? {
            kind: 'redis',
            url: values.redis,
            ...(values.prefix === undefined ? {} : { prefix: values.prefix }),
          }
        : undefined
  return {
    ...(target ? { target } : {}),
    readOnly: values['read-only'] ?? false,
    host: values.host ?? '127.0.0.1',
    port,
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      home: { type: 'string' },
      redis: { type: 'string' },
      prefix: { type: 'string' },
      'read-only': { type: 'boolean' },
      host: { type: 'string' },
      port: { type: 'string' },
    },
  })
}

function usage(why: string): CliError {
  return new CliError(ErrorCodes.CLI_USAGE, `${why}\n${USAGE}`)
}

/** Whether `host` is a loopback address or name (anything else exposes the server to the network). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host)
}

/** Whether `host` means every interface of this machine. */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]'
}
