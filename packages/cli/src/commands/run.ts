import { mkdir, readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { CliError, ErrorCodes, RuntimeError } from '@quantum/ast'
import { check } from '@quantum/parser'
import { createRuntime, type RunResult } from '@quantum/runtime'
import { type Command, Option } from 'commander'
import type { LoadedConfig } from '../config'
import { type DiagnosticLike, formatDiagnostics } from '../format/diagnostic'
import { formatRunJson, formatRunText } from '../format/runResult'
import { type GlobalOptions, type RawGlobalOptions, resolveGlobalOptions } from '../globalOptions'
import { type CliIO, useColor } from '../io'
import { collectParam, type ParamPair, paramsObject } from '../params'
import {
  asDiagnostic,
  displayPath,
  errorText,
  loadConfigOrReport,
  type Report,
  stderrReport,
} from '../problems'
import { type HostServices, openServices } from '../services'

/** How `quantum run` prints a run. */
export type RunFormat = 'text' | 'json'

/** The options of one `quantum run`, after parsing. */
export interface RunCommandOptions {
  /** Run this `q:action` after the component body. */
  action?: string
  /** Component parameters as typed (strings); the runtime converts them per `q:param type`. */
  params: Record<string, string>
  format: RunFormat
  /** Also write `debug` log lines. */
  verbose?: boolean
}

interface RawRunOptions extends RawGlobalOptions {
  action?: string
  param?: ParamPair[]
  format: RunFormat
  verbose?: boolean
}

/**
 * Add the `run` subcommand to `program`; `onExit` receives the exit code when the run is over.
 * Uses `program.command()` rather than `addCommand()` so it inherits the program's output and exit settings.
 */
export function addRunCommand(program: Command, io: CliIO, onExit: (code: number) => void): Command {
  return program
    .command('run')
    .description('run a .q document with real services and print what it rendered and returned')
    .argument('<file>', '.q file to run')
    .option('--action <name>', 'run this q:action after the component body')
    .option('--param <name=value>', 'a component parameter; repeat for more', collectParam)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--verbose', 'also print debug log lines')
    .action(async (file: string, _options: unknown, command: Command) => {
      const raw = command.optsWithGlobals<RawRunOptions>()
      const options: RunCommandOptions = { params: paramsObject(raw.param ?? []), format: raw.format }
      if (raw.action !== undefined) options.action = raw.action
      if (raw.verbose) options.verbose = true
      onExit(await runFile(file, options, resolveGlobalOptions(raw, io), io))
    })
}

/**
 * Parse `file`, run it with the CLI's services and print the run on stdout in `options.format`. Problems
 * (an unreadable file, every parse problem, a bad configuration, a run-time error) go to stderr as
 * `file:line:col: error CODE: message` with a code frame. Log lines go to stderr too.
 *
 * @returns 0 when the run succeeded, 1 otherwise
 */
export async function runFile(
  file: string,
  options: RunCommandOptions,
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const color = useColor(io.stderr, io.env)
  const report = stderrReport(io, file)

  let source: string
  try {
    source = (await readFile(resolve(io.cwd, file), 'utf8')).replace(/^\uFEFF/, '')
  } catch (error) {
    report(new CliError(ErrorCodes.CLI_FILE, `cannot read file (${errorText(error)})`, { cause: error }))
    return 1
  }
  const { document, diagnostics } = check(source, { file })
  if (diagnostics.length > 0 || !document) {
    if (diagnostics.length > 0)
      io.stderr.write(`${formatDiagnostics(diagnostics, { file, color, source })}\n`)
    return 1
  }

  const host = await prepare(globals, options, dirname(resolve(io.cwd, file)), io, report)
  if (!host) return 1
  let code = 0
  // Ctrl-C (or SIGTERM) stops the run between statements and terminates the threads it started.
  const interrupt = () => void host.threads.terminateAll()
  io.signal?.addEventListener('abort', interrupt, { once: true })
  try {
    const runtime = createRuntime(host.services, host.limits ? { limits: host.limits } : {})
    const result: RunResult = await runtime.run(document, {
      ...(options.action === undefined ? {} : { action: options.action }),
      params: options.params,
      ...(io.signal ? { signal: io.signal } : {}),
    })
    // The run's threads, as the result reports them, are final once every thread has ended.
    await host.threads.idle()
    io.stdout.write(options.format === 'json' ? formatRunJson(result) : formatRunText(result))
    if (io.signal?.aborted) {
      const message = `${errorText(io.signal.reason)}; the threads still running were terminated`
      report(new RuntimeError(ErrorCodes.RUNTIME_ABORTED, message))
      code = 1
    }
  } catch (error) {
    const diagnostic = asDiagnostic(error)
    report(diagnostic, await sourceOf(diagnostic, file, source, io.cwd))
    code = 1
  } finally {
    io.signal?.removeEventListener('abort', interrupt)
    try {
      await host.close()
    } catch (error) {
      report(asDiagnostic(error))
      code = 1
    }
  }
  return code
}

interface PreparedHost extends HostServices {
  limits: LoadedConfig['config']['limits']
}

/** Load the configuration, create the state folder and open the services; report and give up on failure. */
async function prepare(
  globals: GlobalOptions,
  options: RunCommandOptions,
  appFolder: string,
  io: CliIO,
  report: Report,
): Promise<PreparedHost | undefined> {
  const at = (path: string) => displayPath(path, io.cwd)
  const loaded = await loadConfigOrReport(globals, io, report)
  if (!loaded) return undefined
  try {
    await mkdir(globals.home, { recursive: true })
  } catch (error) {
    const message = `cannot create the state folder (${errorText(error)})`
    report(new CliError(ErrorCodes.CLI_HOME, message, { file: at(globals.home), cause: error }))
    return undefined
  }
  try {
    const host = openServices(loaded.config, {
      home: globals.home,
      appFolder,
      cwd: io.cwd,
      writeLog: (line) => io.stderr.write(`${line}\n`),
      minLevel: options.verbose ? 'debug' : 'info',
    })
    return { ...host, limits: loaded.config.limits }
  } catch (error) {
    // A datasource the configuration describes wrongly (unknown driver, no URL).
    const { code, message } = asDiagnostic(error)
    report(loaded.file === undefined ? { code, message } : { code, message, file: at(loaded.file) })
    return undefined
  }
}

/**
 * The text a diagnostic's code frame is drawn from: the run's document, or the other file the error is
 * in (a component it called, a mail template), when that file can still be read.
 */
async function sourceOf(
  diagnostic: DiagnosticLike,
  file: string,
  source: string,
  cwd: string,
): Promise<string | undefined> {
  if (diagnostic.file === undefined || diagnostic.file === file) return source
  try {
    return (await readFile(resolve(cwd, diagnostic.file), 'utf8'))
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
  } catch {
    return undefined
  }
}
