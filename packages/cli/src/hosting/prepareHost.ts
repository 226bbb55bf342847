import type { LogLevel } from '@quantum/ast'
import type { QueueAdapter } from '@quantum/queue'
import type { Store } from '@quantum/store'
import type { QuantumConfig } from '../config'
import type { GlobalOptions } from '../globalOptions'
import type { CliIO } from '../io'
import { openConfiguredQueue } from '../openQueue'
import { openConfiguredStore } from '../openStore'
import { asDiagnostic, displayPath, type InEffect, loadConfigOrReport, type Report } from '../problems'
import { type HostServices, openServices } from '../services'
import { createStateFolder } from '../stateFolder'

/** The configuration in effect and the services opened from it. */
export interface PreparedHost extends HostServices {
  config: QuantumConfig
  /** The global options in effect (the state folder settled by the configuration). */
  globals: GlobalOptions
}

/** How {@link prepareHost} opens the services. */
export interface PrepareOptions {
  /** Absolute paths of the app folders. */
  appFolders: readonly string[]
  /** Receives each log line, without a newline. */
  writeLog: (line: string) => void
  minLevel: LogLevel
  /** The configuration, when the caller has loaded it already (so it is read once); else loaded here. */
  inEffect?: InEffect
}

/**
 * Load the configuration, create the state folder and open the services; each failure is reported
 * (`CLI_CONFIG`, `CLI_HOME`, a datasource configured wrongly) and gives undefined.
 */
export async function prepareHost(
  given: GlobalOptions,
  options: PrepareOptions,
  io: CliIO,
  report: Report,
): Promise<PreparedHost | undefined> {
  const at = (path: string) => displayPath(path, io.cwd)
  const inEffect = options.inEffect ?? (await loadConfigOrReport(given, io, report))
  if (!inEffect) return undefined
  const { globals, loaded } = inEffect
  try {
    createStateFolder(globals.home, at(globals.home))
  } catch (error) {
    report(asDiagnostic(error))
    return undefined
  }
  try {
    const host = openServices(loaded.config, {
      home: globals.home,
      appFolders: options.appFolders,
      cwd: io.cwd,
      writeLog: options.writeLog,
      minLevel: options.minLevel,
    })
    return { ...host, config: loaded.config, globals }
  } catch (error) {
    // A datasource the configuration describes wrongly (unknown driver, no URL).
    const { code, message } = asDiagnostic(error)
    report(loaded.file === undefined ? { code, message } : { code, message, file: at(loaded.file) })
    return undefined
  }
}

/** The configured store, or undefined once why it cannot be opened was reported. */
export async function openStoreOrReport(
  globals: GlobalOptions,
  config: QuantumConfig,
  report: Report,
): Promise<Store | undefined> {
  // A broken store fails the same way on every poll: say so once.
  const said = new Set<string>()
  try {
    return await openConfiguredStore(globals, config, (error) => {
      const { code, message } = asDiagnostic(error)
      const key = `${code} ${message}`
      if (said.has(key) || said.size >= 100) return
      said.add(key)
      report({ code, message, severity: 'warning' })
    })
  } catch (error) {
    report(asDiagnostic(error))
    return undefined
  }
}

/** The queue beside the configured store, or undefined once why it cannot be opened was reported. */
export async function openQueueOrReport(
  globals: GlobalOptions,
  config: QuantumConfig,
  report: Report,
): Promise<QueueAdapter | undefined> {
  try {
    return await openConfiguredQueue(globals, config)
  } catch (error) {
    report(asDiagnostic(error))
    return undefined
  }
}
