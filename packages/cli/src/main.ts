import { ErrorCodes } from '@quantum/ast'
import { Command, CommanderError } from 'commander'
import packageJson from '../package.json' with { type: 'json' }
import { addCheckCommand } from './commands/check'
import { addCronCommand } from './commands/cron'
import { addJobsCommand } from './commands/jobs'
import { addRunCommand } from './commands/run'
import { addWorkerCommand } from './commands/worker'
import { addGlobalOptions } from './globalOptions'
import { type CliIO, processIO, useColor } from './io'

/** Exit code of a bad command line: no files, an unknown option or command, a bad option value or `--param`. */
const USAGE_ERROR = 2

/**
 * Run the `quantum` command line. `argv` is in `process.argv` form (node, script, then arguments).
 * All output goes through `io`; nothing here calls `process.exit`, so tests can run it in-process.
 *
 * @returns the exit code: 0 on success (clean files, a run that finished), 1 when a problem was found or a
 *   run failed, 2 on a usage error
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exitCode = 0
  // Its own copy: `--format json` switches this run's problems to JSON.
  const cli: CliIO = { ...io }
  const program = createProgram(cli, (code) => {
    exitCode = code
  })

  try {
    await program.parseAsync([...argv], { from: 'node' })
  } catch (error) {
    // --help and --version also arrive here, with exit code 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_ERROR
    throw error
  }
  return exitCode
}

/**
 * The `quantum` program with every command, writing through `io` and reporting each command's exit code
 * to `onExit`. `main` parses with it; the CLI reference (`docs/cli.md`) is generated from it.
 */
export function createProgram(io: CliIO, onExit: (code: number) => void): Command {
  const program = new Command('quantum')
    .description('Check and run Quantum (.q) documents; host, inspect and control their schedules and jobs.')
    .version(packageJson.version)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHelpWidth: () => io.stdout.columns ?? 80,
      getErrHelpWidth: () => io.stderr.columns ?? 80,
      getOutHasColors: () => useColor(io.stdout, io.env),
      getErrHasColors: () => useColor(io.stderr, io.env),
      // Commander's `error: …` lines carry the usage code, as every other problem the CLI prints does.
      outputError: (text, write) => write(text.replace(/^error: /, `error ${ErrorCodes.CLI_USAGE}: `)),
    })
    // Throw instead of exiting. Subcommands copy these settings when created, so they must come first.
    .exitOverride()
    .showHelpAfterError()
  program.hook('preAction', (_program, action) => {
    if (action.opts().format === 'json') io.errorFormat = 'json'
  })
  addGlobalOptions(program)
  addCheckCommand(program, io, onExit)
  addRunCommand(program, io, onExit)
  addJobsCommand(program, io, onExit)
  addCronCommand(program, io, onExit)
  addWorkerCommand(program, io, onExit)
  return program
}
