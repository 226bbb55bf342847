import type { Store } from '@quantum/store'
import type { CliIO } from '../io'

/**
 * After handing work to the store or the queue (a registered schedule, a dispatched job): when no
 * worker is alive to pick it up, say on stderr how to start one. Only advice: a store that cannot say
 * is ignored.
 */
export async function hintWithoutWorker(store: Store, appFolder: string, io: CliIO): Promise<void> {
  try {
    if ((await store.workers()).length > 0) return
  } catch {
    return
  }
  io.stderr.write(`No worker is running: start one with quantum worker start --app ${appFolder}\n`)
}
