import type { Store } from '@quantum/store'
import type { Command } from 'commander'
import { type RawGlobalOptions, resolveGlobalOptions } from '../globalOptions'
import type { CliIO } from '../io'
import { openConfiguredStore } from '../openStore'
import { asDiagnostic, loadConfigOrReport, stderrReport } from '../problems'

/**
 * Run `work` on the store the user configured (global options, environment, configuration file), then
 * close it. A configuration or store that cannot be opened, and any error `work` throws, are printed on
 * stderr as `error CODE: message` and give 1.
 *
 * @returns what `work` returned, or 1
 */
export async function withStore(
  command: Command,
  io: CliIO,
  work: (store: Store) => Promise<number>,
): Promise<number> {
  const report = stderrReport(io)
  const globals = resolveGlobalOptions(command.optsWithGlobals<RawGlobalOptions>(), io)
  const loaded = await loadConfigOrReport(globals, io, report)
  if (!loaded) return 1
  let store: Store
  try {
    // A connection lost while the command runs: the command fails on its own; this says why.
    const warn = (error: Error) => {
      const { code, message } = asDiagnostic(error)
      report({ code, message, severity: 'warning' })
    }
    store = await openConfiguredStore(globals, loaded.config, warn)
  } catch (error) {
    report(asDiagnostic(error))
    return 1
  }
  let code: number
  try {
    code = await work(store)
  } catch (error) {
    report(asDiagnostic(error))
    code = 1
  }
  try {
    await store.close()
  } catch (error) {
    report(asDiagnostic(error))
    code = 1
  }
  return code
}
