import { resolve } from 'node:path'
import { type Command, InvalidArgumentError } from 'commander'
import type { CliIO } from './io'
import { redisUrl } from './optionValues'

/** The options every command shares, resolved against the environment and working directory. */
export interface GlobalOptions {
  /** Absolute path of the state directory. */
  home: string
  redisUrl?: string
  /** Absolute path of the configuration file, when one was given. */
  config?: string
}

/** The global options as commander parses them, before defaults. */
export interface RawGlobalOptions {
  home?: string
  redis?: string
  config?: string
}

/** Declare `--home`, `--redis` and `--config` on the root command; subcommands see them too. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--home <dir>', 'state directory (env: QUANTUM_HOME, default: ./.quantum)', nonEmptyPath)
    .option('--redis <url>', 'Redis URL (env: QUANTUM_REDIS_URL)', redisUrl)
    .option('--config <file>', 'configuration file', nonEmptyPath)
}

/** An empty path would resolve to the working directory and fill it with state files: a usage error. */
function nonEmptyPath(text: string): string {
  if (text === '') throw new InvalidArgumentError('expected a path, not an empty string.')
  return text
}

/**
 * Fill in the global options: a flag wins over its environment variable, which wins over the default.
 * Read from `io` rather than commander's `.env()` so in-process runs see their own environment.
 */
export function resolveGlobalOptions(raw: RawGlobalOptions, io: Pick<CliIO, 'env' | 'cwd'>): GlobalOptions {
  // An empty QUANTUM_HOME is unset, as an empty QUANTUM_REDIS_URL is.
  const options: GlobalOptions = { home: resolve(io.cwd, raw.home ?? (io.env.QUANTUM_HOME || '.quantum')) }
  const redisUrl = raw.redis ?? io.env.QUANTUM_REDIS_URL
  if (redisUrl) options.redisUrl = redisUrl
  if (raw.config !== undefined) options.config = resolve(io.cwd, raw.config)
  return options
}
