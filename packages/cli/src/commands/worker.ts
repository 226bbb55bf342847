import { resolve } from 'node:path'
import { createRuntime } from '@quantum/runtime'
import type { Command } from 'commander'
import { type GlobalOptions, type RawGlobalOptions, resolveGlobalOptions } from '../globalOptions'
import { appFiles, runAppFile } from '../hosting/appFiles'
import { HostConsole } from '../hosting/hostConsole'
import { openStoreOrReport, prepareHost } from '../hosting/prepareHost'
import { createScheduleHost } from '../hosting/scheduleHost'
import { type CliIO, untilAborted } from '../io'
import { asDiagnostic, closeAll, shownFolder, stderrReport } from '../problems'

/** Upstream's usage line for `quantum jobs worker` without an action. */
const WORKER_USAGE = 'Usage: quantum jobs worker <start>\n'

/** The options of `quantum worker start`. */
export interface WorkerOptions {
  /** App folders (as typed): the top level of each `.q` file directly in them runs once at start. */
  apps: string[]
}

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
    .action((action: string | undefined, _options: unknown, command: Command) => {
      if (action !== undefined) command.error(`error: unknown action '${action}'`)
      io.stderr.write(WORKER_USAGE)
      onExit(1)
    })
  worker
    .command('start')
    .description('run the app folders, then host every schedule until Ctrl+C (SIGINT) or SIGTERM')
    .option(
      '--app <path>',
      'an app folder: the top level of each .q file in it runs first (repeat for more)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .action(async (_options: unknown, command: Command) => {
      const raw = command.optsWithGlobals<RawGlobalOptions & { app?: string[] }>()
      onExit(await startWorker({ apps: raw.app ?? [] }, resolveGlobalOptions(raw, io), io))
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
  const appFolders = options.apps.map((app) => resolve(io.cwd, app))
  const files: string[] = []
  try {
    for (const folder of appFolders) files.push(...(await appFiles(folder)))
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
  const store = await openStoreOrReport(globals, host.config, report)
  if (!store) {
    await closeAll([host.close()], report)
    return 1
  }
  const scheduleHost = createScheduleHost({
    store,
    bodies: host.bodies,
    ...(host.config.scheduler ? { scheduler: host.config.scheduler } : {}),
    console,
    logger: host.logger,
    details: { command: 'worker', apps: appFolders },
  })
  const runtime = createRuntime(
    { ...host.services, schedules: scheduleHost.scheduler.service },
    host.config.limits ? { limits: host.config.limits } : {},
  )
  let failed = 0
  for (const file of files) {
    if (io.signal?.aborted) break
    if (!(await runAppFile(file, runtime, io))) failed++
  }
  let code = 0
  try {
    await scheduleHost.start()
    const apps = appFolders.map((folder) => shownFolder(folder, io)).join(', ')
    const { schedules } = scheduleHost.scheduler.stats()
    console.out(`  Apps: ${apps || '-'}`)
    console.out(`  Files: ${files.length}${failed > 0 ? ` (${failed} failed)` : ''}`)
    console.out(`  Schedules: ${schedules}`)
    console.out(`  Store: ${store.kind} ${store.location}`)
    console.out(`  Worker: ${scheduleHost.workerId}`)
    console.out('')
    console.out('Press Ctrl+C to stop the worker.')
    console.out('')
    scheduleHost.showProgress()
    await untilAborted(io.signal)
    console.out('Stopping worker...')
  } catch (error) {
    report(asDiagnostic(error))
    code = 1
  }
  try {
    await scheduleHost.stop()
    const stats = scheduleHost.scheduler.stats()
    console.out(`Worker stopped: ${stats.fired} fired, ${stats.failed} failed, ${stats.skipped} skipped.`)
  } catch (error) {
    report(asDiagnostic(error))
    code = 1
  }
  return (await closeAll([host.close(), store.close()], report)) ? code : 1
}
