import { dirname, resolve } from 'node:path'
import { ErrorCodes, RuntimeError } from '@quantum/ast'
import type { QueueAdapter } from '@quantum/queue'
import { createRuntime, type RunResult } from '@quantum/runtime'
import type { Store } from '@quantum/store'
import { type Command, Option } from 'commander'
import { plural } from '../format/plural'
import { formatRunJson, formatRunText } from '../format/runResult'
import { type GlobalOptions, type RawGlobalOptions, resolveGlobalOptions } from '../globalOptions'
import { HostConsole } from '../hosting/hostConsole'
import { openQueueOrReport, openStoreOrReport, type PreparedHost, prepareHost } from '../hosting/prepareHost'
import { type StoreRegistrar, storeRegistrar } from '../hosting/storeRegistrar'
import { hintWithoutWorker } from '../hosting/workerHint'
import { createWorkerHost, type WorkerHost } from '../hosting/workerHost'
import { type CliIO, untilAborted } from '../io'
import { openConfiguredQueue } from '../openQueue'
import { openConfiguredStore } from '../openStore'
import { collectParam, type ParamPair, paramsObject } from '../params'
import {
  asDiagnostic,
  closeAll,
  diagnosticSource,
  errorText,
  loadConfigOrReport,
  type Report,
  shownFolder,
  stderrReport,
} from '../problems'
import { readDocument } from '../readDocument'

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
  /** After the run, host its schedules (and the store's) in this process until SIGINT/SIGTERM. */
  serve?: boolean
}

interface RawRunOptions extends RawGlobalOptions {
  action?: string
  param?: ParamPair[]
  format: RunFormat
  verbose?: boolean
  serve?: boolean
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
    .option(
      '--serve',
      'then host its schedules in this process until Ctrl+C (without it they are only registered)',
    )
    .action(async (file: string, _options: unknown, command: Command) => {
      const raw = command.optsWithGlobals<RawRunOptions>()
      const options: RunCommandOptions = { params: paramsObject(raw.param ?? []), format: raw.format }
      if (raw.action !== undefined) options.action = raw.action
      if (raw.verbose) options.verbose = true
      if (raw.serve) options.serve = true
      onExit(await runFile(file, options, resolveGlobalOptions(raw, io), io))
    })
}

/** Jobs at once when `quantum run --serve` serves the queues (upstream worker's default). */
const SERVE_CONCURRENCY = 4

/** Where a run's `q:schedule` tags go: the store only, or a scheduler in this process (`--serve`). */
type Schedules =
  | { kind: 'register'; registrar: StoreRegistrar }
  | { kind: 'serve'; store: Store; queue: QueueAdapter; host: WorkerHost }

/**
 * Parse `file`, run it with the CLI's services and print the run on stdout in `options.format`. Problems
 * (an unreadable file, every parse problem, a bad configuration, a run-time error) go to stderr as
 * `file:line:col: error CODE: message` with a code frame. Log lines go to stderr too.
 *
 * Its `q:schedule` tags register in the configured store (opened only then), for a worker to host;
 * with `serve`, this process hosts them after the run until `io.signal` aborts, then stops cleanly.
 *
 * @returns 0 when the run succeeded (and serving stopped cleanly), 1 otherwise
 */
export async function runFile(
  file: string,
  options: RunCommandOptions,
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const report = stderrReport(io, file)
  const inEffect = await loadConfigOrReport(globals, io, report)
  if (!inEffect) return 1
  const maxSourceBytes = inEffect.loaded.config.parser?.maxSourceBytes
  const read = await readDocument(file, io, { report, maxSourceBytes })
  if (!read) return 1
  const appFolder = dirname(resolve(io.cwd, file))
  const host = await prepareHost(
    globals,
    {
      appFolders: [appFolder],
      writeLog: (line) => io.stderr.write(`${line}\n`),
      minLevel: options.verbose ? 'debug' : 'info',
      inEffect,
    },
    io,
    report,
  )
  if (!host) return 1
  const schedules = await scheduleTarget(options, host, appFolder, io, report)
  if (!schedules) {
    await closeAll([host.close()], report)
    return 1
  }
  let code = 0
  let ran = false
  // Ctrl-C (or SIGTERM) stops the run between statements and terminates the threads it started.
  const interrupt = () => void host.threads.terminateAll()
  io.signal?.addEventListener('abort', interrupt, { once: true })
  try {
    const runtime =
      schedules.kind === 'serve'
        ? schedules.host.runtime
        : createRuntime(
            { ...host.services, schedules: schedules.registrar.schedules, jobs: schedules.registrar.jobs },
            host.config.limits ? { limits: host.config.limits } : {},
          )
    const result: RunResult = await runtime.run(read.document, {
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
    } else {
      ran = true
    }
  } catch (error) {
    const diagnostic = asDiagnostic(error)
    report(diagnostic, await diagnosticSource(diagnostic, file, read.source, io.cwd))
    code = 1
  }
  if (ran && schedules.kind === 'serve') code = await serve(schedules.host, io, report)
  const { registrar } = schedules.kind === 'register' ? schedules : { registrar: undefined }
  if (ran && registrar?.store && registrar.handedOver > 0) {
    await hintWithoutWorker(registrar.store, shownFolder(appFolder, io), io)
  }
  io.signal?.removeEventListener('abort', interrupt)
  const closing = [host.close()]
  if (schedules.kind === 'serve') closing.push(schedules.queue.close(), schedules.store.close())
  else closing.push(schedules.registrar.close())
  return (await closeAll(closing, report)) ? code : 1
}

async function scheduleTarget(
  options: RunCommandOptions,
  host: PreparedHost,
  appFolder: string,
  io: CliIO,
  report: Report,
): Promise<Schedules | undefined> {
  const { globals } = host
  if (!options.serve) {
    const warn = (error: Error) => {
      const { code, message } = asDiagnostic(error)
      report({ code, message, severity: 'warning' })
    }
    const registrar = storeRegistrar({
      store: () => openConfiguredStore(globals, host.config, warn),
      queue: () => openConfiguredQueue(globals, host.config),
    })
    // Threads of the run reach the same registrar.
    host.lend.jobs = registrar.jobs
    host.lend.schedules = registrar.schedules
    return { kind: 'register', registrar }
  }
  const store = await openStoreOrReport(globals, host.config, report)
  if (!store) return undefined
  const queue = await openQueueOrReport(globals, host.config, report)
  if (!queue) {
    await closeAll([store.close()], report)
    return undefined
  }
  // Stdout is the run's result: the hosting lines go to stderr.
  const console = new HostConsole(io.stderr, io.stderr, io.stderr.isTTY === true)
  const workerHost = createWorkerHost({
    prepared: host,
    store,
    queue,
    console,
    details: { command: 'run --serve', apps: [appFolder] },
  })
  return { kind: 'serve', store, queue, host: workerHost }
}

/** Host the schedules and serve every queue until the signal, then stop: work in flight finishes within the grace. */
async function serve(host: WorkerHost, io: CliIO, report: Report): Promise<number> {
  let code = 0
  try {
    await host.start({ concurrency: SERVE_CONCURRENCY })
    const { schedules } = host.stats()
    io.stderr.write(
      `Serving ${plural(schedules, 'schedule')} and every queue as worker ${host.schedules.workerId}. Press Ctrl+C to stop.\n`,
    )
    host.showProgress()
    await untilAborted(io.signal)
  } catch (error) {
    report(asDiagnostic(error))
    code = 1
  }
  try {
    await host.stop()
    io.stderr.write('Stopped.\n')
  } catch (error) {
    report(asDiagnostic(error))
    code = 1
  }
  return code
}
