import { resolve } from 'node:path'
import { type Command, InvalidArgumentError } from 'commander'
import { type GlobalOptions, type RawGlobalOptions, resolveGlobalOptions } from '../globalOptions'
import { readApp, runAppFile } from '../hosting/appFiles'
import { HostConsole, progressText } from '../hosting/hostConsole'
import { createWorkerMetrics, type MetricsServer, serveMetrics } from '../hosting/metrics'
import { openQueueOrReport, openStoreOrReport, prepareHost } from '../hosting/prepareHost'
import { watchStore } from '../hosting/storeWatch'
import { createWorkerHost } from '../hosting/workerHost'
import { type CliIO, untilAborted } from '../io'
import { wholeNumber } from '../optionValues'
import { asDiagnostic, closeAll, type Report, shownFolder, stderrReport } from '../problems'
import { stateFolderText } from '../stateFolder'
import { groupAction } from './group'

/** Upstream's usage line for `quantum jobs worker` without an action. */
const WORKER_USAGE = 'Usage: quantum jobs worker <start>\n'

/** The options of `quantum worker start`. */
export interface WorkerOptions {
  /**
   * App folders or files (as typed): the top level of each `.q` file directly in a folder, or of the file,
   * runs once at start.
   */
  apps: string[]
  /** The queues to take jobs from. @defaultValue every queue */
  queues?: string[]
  /** Jobs running at once. */
  concurrency: number
  /** Serve `/metrics` and `/health` on 127.0.0.1 at this port. @defaultValue off */
  metricsPort?: number
}

/** Upstream's default `--concurrency`. */
const DEFAULT_CONCURRENCY = 4

/**
 * Add `worker start` under `parent`: `quantum worker start` and its alias `quantum jobs worker start`.
 * `onExit` receives the exit code once the worker has stopped.
 */
export function addWorkerCommand(parent: Command, io: CliIO, onExit: (code: number) => void): Command {
  const worker = parent
    .command('worker')
    .description('host the schedules of the store and of app folders')
    .usage('<action> [options]')
    .argument('[action]')
    .allowExcessArguments()
    .action(groupAction(WORKER_USAGE, io, onExit))
  worker
    .command('start')
    .description('run the app folders, then host every schedule until Ctrl+C (SIGINT) or SIGTERM')
    .option(
      '--app <path>',
      'an app folder or .q file: the top level of each .q file in it runs first (repeat for more)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--queue <names>',
      'take jobs only from these queues, comma-separated (default: every queue)',
      queueNames,
    )
    .option('--concurrency <n>', 'jobs running at once', wholeNumber(1, 1000), DEFAULT_CONCURRENCY)
    .option(
      '--metrics-port <n>',
      'serve /metrics and /health on 127.0.0.1:N, 0 for any free port (default: off)',
      wholeNumber(0, 65535),
    )
    .action(async (_options: unknown, command: Command) => {
      const raw = command.optsWithGlobals<
        RawGlobalOptions & { app?: string[]; queue?: string[]; concurrency: number; metricsPort?: number }
      >()
      const options: WorkerOptions = { apps: raw.app ?? [], concurrency: raw.concurrency }
      if (raw.queue) options.queues = raw.queue
      if (raw.metricsPort !== undefined) options.metricsPort = raw.metricsPort
      onExit(await startWorker(options, resolveGlobalOptions(raw, io), io))
    })
  return worker
}

/**
 * `quantum worker start`: opens the configured store and services, runs the top level of every `.q`
 * file directly in each app folder (their `q:schedule` tags register; a file's problems are printed
 * with file:line:col and do not stop the others), then hosts every active schedule of the store, announces
 * itself with a heartbeat, and prints a line per schedule event with its progress, until `io.signal`
 * aborts. Then fires in flight finish within the grace and it exits.
 *
 * @returns 0 after a clean stop; 1 when it could not start (an app folder, the configuration or the store)
 */
export async function startWorker(
  options: WorkerOptions,
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const report = stderrReport(io)
  const appFolders: string[] = []
  const files: string[] = []
  try {
    for (const path of options.apps) {
      const app = await readApp(resolve(io.cwd, path))
      if (!appFolders.includes(app.folder)) appFolders.push(app.folder)
      files.push(...app.files)
    }
  } catch (error) {
    const { code, message, file } = asDiagnostic(error)
    report(file === undefined ? { code, message } : { code, message, file: shownFolder(file, io) })
    return 1
  }
  const console = new HostConsole(io.stdout, io.stderr, io.stdout.isTTY === true)
  console.out('Starting worker...')
  const host = await prepareHost(
    globals,
    { appFolders, writeLog: (line) => console.err(line), minLevel: 'info' },
    io,
    report,
  )
  if (!host) return 1
  const store = await openStoreOrReport(host.globals, host.config, report)
  const queue = store && (await openQueueOrReport(host.globals, host.config, report))
  if (!store || !queue) {
    await closeAll([host.close(), ...(store ? [store.close()] : [])], report)
    return 1
  }
  const queues = options.queues ?? []
  const metricsPort = options.metricsPort ?? host.config.metrics?.port
  const metrics = metricsPort === undefined ? undefined : createWorkerMetrics(queue)
  const worker = createWorkerHost({
    ...(metrics ? { metrics } : {}),
    prepared: host,
    store,
    queue,
    console,
    details: { command: 'worker', apps: appFolders, queues, concurrency: options.concurrency },
  })
  let failed = 0
  for (const file of files) {
    if (io.signal?.aborted) break
    // The file's own log lines follow, under its name.
    console.out(`  Running ${shownFolder(file, io)}`)
    const maxSourceBytes = host.config.parser?.maxSourceBytes
    if (!(await runAppFile(file, { runtime: worker.runtime, maxSourceBytes }, io))) failed++
  }
  let code = 0
  let endpoint: MetricsServer | undefined
  const watch = watchStore(store)
  const startedAt = Date.now()
  try {
    await worker.start({
      concurrency: options.concurrency,
      ...(queues.length > 0 ? { queues } : {}),
    })
    const apps = options.apps.map((app) => shownFolder(resolve(io.cwd, app), io)).join(', ')
    console.out(`  Apps: ${apps || '-'}`)
    console.out(`  Files: ${files.length}${failed > 0 ? ` (${failed} failed)` : ''}`)
    console.out(`  Schedules: ${worker.stats().schedules}`)
    console.out(`  Queues: ${queues.length > 0 ? queues.join(', ') : 'all'}`)
    console.out(`  Concurrency: ${options.concurrency}`)
    console.out(`  State: ${stateFolderText(host.globals, io.cwd)}`)
    console.out(`  Store: ${store.kind} ${store.location}`)
    console.out(`  Worker: ${worker.schedules.workerId}`)
    if (metrics && metricsPort !== undefined) {
      const started = Date.now()
      const workerId = worker.schedules.workerId
      endpoint = await serveMetrics(metricsPort, metrics, () => {
        const failure = watch.failure
        return {
          status: failure ? 'failing' : 'ok',
          worker: workerId,
          uptimeSeconds: Math.round((Date.now() - started) / 1000),
          ...(failure && { error: { code: failure.code, message: failure.message } }),
          ...worker.stats(),
        }
      })
      console.out(`  Metrics: http://127.0.0.1:${endpoint.port}/metrics`)
    }
    console.out('')
    console.out('Press Ctrl+C to stop the worker.')
    console.out('')
    worker.showProgress()
    const lost = await Promise.race([untilAborted(io.signal), watch.fatal])
    if (lost) {
      // One coded line; what stopping on a broken store then fails to write would only repeat it.
      report(asDiagnostic(lost))
      console.out('Stopping worker: its store failed every check for a while (see the error above).')
      code = 1
    } else console.out('Stopping worker...')
  } catch (error) {
    report(asDiagnostic(error))
    code = 1
  }
  watch.stop()
  const broken = watch.failure !== undefined
  const afterStop: Report = broken ? () => {} : report
  const stopping = async () => {
    try {
      await endpoint?.close()
      await worker.stop()
      console.out(`Worker stopped: ${progressText(worker.stats(), Date.now() - startedAt)}.`)
    } catch (error) {
      afterStop(asDiagnostic(error))
      code = 1
    }
    return (await closeAll([host.close(), queue.close(), store.close()], afterStop)) ? code : 1
  }
  // Over a store that does not answer, handing jobs back and closing could wait for it forever.
  return broken ? Promise.race([stopping(), exitAfter(STOP_BROKEN_MS, 1)]) : stopping()
}

/** How long a worker whose store failed waits for its stop before it exits anyway, in ms. */
const STOP_BROKEN_MS = 15_000

function exitAfter(ms: number, code: number): Promise<number> {
  return new Promise((resolve) => setTimeout(() => resolve(code), ms).unref())
}

/** `--queue a,b` (repeatable): the queue names, without blanks. */
function queueNames(value: string, previous: string[] = []): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
  if (names.length === 0) throw new InvalidArgumentError('expected queue names like orders,mail.')
  return [...previous, ...names]
}
