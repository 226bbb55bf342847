import type { QueueAdapter } from '@quantum/queue'
import type { Store } from '@quantum/store'
import type { Command } from 'commander'
import type { QuantumConfig } from '../config'
import { type GlobalOptions, type RawGlobalOptions, resolveGlobalOptions } from '../globalOptions'
import { openStoreOrReport } from '../hosting/prepareHost'
import type { CliIO } from '../io'
import { openConfiguredQueue } from '../openQueue'
import { asDiagnostic, closeAll, loadConfigOrReport, stderrReport } from '../problems'

/** What a command that works on the store may also need: the global options and configuration in effect. */
export interface StoreContext {
  globals: GlobalOptions
  config: QuantumConfig
  /** The queue beside the store, opened on first call and closed with the store. */
  queue(): Promise<QueueAdapter>
}

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
  work: (store: Store, context: StoreContext) => Promise<number>,
): Promise<number> {
  const report = stderrReport(io)
  const given = resolveGlobalOptions(command.optsWithGlobals<RawGlobalOptions>(), io)
  const inEffect = await loadConfigOrReport(given, io, report)
  if (!inEffect) return 1
  const { globals, loaded } = inEffect
  // A connection lost while the command runs: the command fails on its own; a warning says why.
  const store = await openStoreOrReport(globals, loaded.config, report)
  if (!store) return 1
  let queue: Promise<QueueAdapter> | undefined
  const context: StoreContext = {
    globals,
    config: loaded.config,
    queue: () => {
      queue ??= openConfiguredQueue(globals, loaded.config)
      return queue
    },
  }
  let code: number
  try {
    code = await work(store, context)
  } catch (error) {
    report(asDiagnostic(error))
    code = 1
  }
  const closing = [
    store.close(),
    ...(queue
      ? [
          queue.then(
            (opened) => opened.close(),
            () => undefined,
          ),
        ]
      : []),
  ]
  return (await closeAll(closing, report)) ? code : 1
}
