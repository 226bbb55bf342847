import { dirname, join, resolve } from 'node:path'
import { type Command, InvalidArgumentError } from 'commander'
import type { CliIO } from './io'
import { redisUrl } from './optionValues'
import { findProject, type Project } from './project'

/**
 * Why the state folder is the one in use, as `jobs list` and `worker start` print it: `--home`,
 * `QUANTUM_HOME`, a configuration file (`<its folder>/.quantum`, or its `home`), a `.quantum` folder found
 * walking up from the working directory, or `./.quantum` when nothing was found.
 */
export type HomeSource =
  | { kind: 'flag' }
  | { kind: 'env' }
  | { kind: 'config'; file: string }
  | { kind: 'found' }
  | { kind: 'default' }

/** The options every command shares, resolved against the environment and working directory. */
export interface GlobalOptions {
  /** Absolute path of the state directory. */
  home: string
  /** Why `home` is the state folder. @defaultValue given by the caller, as `--home` is */
  homeFrom?: HomeSource
  redisUrl?: string
  /** Absolute path of the configuration file: `--config`, else the one found walking up. */
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
    .option(
      '--home <dir>',
      'state directory (env: QUANTUM_HOME; default: beside the nearest quantum.config.json, or the nearest .quantum, walking up; else ./.quantum)',
      nonEmptyPath,
    )
    .option('--redis <url>', 'Redis URL (env: QUANTUM_REDIS_URL)', redisUrl)
    .option(
      '--config <file>',
      'configuration file (default: the nearest quantum.config.json, walking up)',
      nonEmptyPath,
    )
}

/** An empty path would resolve to the working directory and fill it with state files: a usage error. */
function nonEmptyPath(text: string): string {
  if (text === '') throw new InvalidArgumentError('expected a path, not an empty string.')
  return text
}

/**
 * Fill in the global options: a flag wins over its environment variable, which wins over what is found
 * walking up from the working directory (as git finds `.git`): the nearest folder holding a
 * `quantum.config.json` or a `.quantum` folder. Its configuration file is the one loaded (unless `--config`
 * names another), and its state folder is `<that folder>/.quantum` (a configuration's `home` may move it:
 * {@link withConfigHome}). Without any, `./.quantum`. Read from `io` rather than commander's `.env()` so
 * in-process runs see their own environment.
 */
export function resolveGlobalOptions(raw: RawGlobalOptions, io: Pick<CliIO, 'env' | 'cwd'>): GlobalOptions {
  const project = raw.config === undefined ? findProject(io.cwd) : undefined
  const config = raw.config === undefined ? project?.config : resolve(io.cwd, raw.config)
  const options: GlobalOptions = stateFolder(raw, io, config, project)
  const redisUrl = raw.redis ?? io.env.QUANTUM_REDIS_URL
  if (redisUrl) options.redisUrl = redisUrl
  if (config !== undefined) options.config = config
  return options
}

function stateFolder(
  raw: RawGlobalOptions,
  { cwd, env }: Pick<CliIO, 'env' | 'cwd'>,
  config: string | undefined,
  project: Project | undefined,
): GlobalOptions {
  if (raw.home !== undefined) return { home: resolve(cwd, raw.home), homeFrom: { kind: 'flag' } }
  // An empty QUANTUM_HOME is unset, as an empty QUANTUM_REDIS_URL is.
  if (env.QUANTUM_HOME) return { home: resolve(cwd, env.QUANTUM_HOME), homeFrom: { kind: 'env' } }
  if (config !== undefined) {
    return { home: join(dirname(config), '.quantum'), homeFrom: { kind: 'config', file: config } }
  }
  if (project) return { home: project.home, homeFrom: { kind: 'found' } }
  return { home: join(cwd, '.quantum'), homeFrom: { kind: 'default' } }
}

/**
 * The global options once the configuration is loaded: when the configuration file decides the state
 * folder and has a `home`, that folder (relative to the file) is the state folder.
 */
export function withConfigHome(globals: GlobalOptions, config: { home?: string }): GlobalOptions {
  const from = globals.homeFrom
  if (from?.kind !== 'config' || config.home === undefined) return globals
  return { ...globals, home: resolve(dirname(from.file), config.home) }
}
