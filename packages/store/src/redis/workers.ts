import type { PreparedWorker } from '../internal/prepare'
import { type WorkerRow, workerFromRow } from '../internal/rows'
import { fromJson } from '../internal/values'
import type { WorkerRecord } from '../store'
import type { Client, Scripts } from './connection'
import type { Keys } from './keys'
import { HEARTBEAT } from './scripts'

/** Records a heartbeat: the worker's key expires with it, and the index forgets expired workers. */
export async function beat(scripts: Scripts, keys: Keys, row: PreparedWorker): Promise<void> {
  const seen = Date.parse(row.seen_at)
  const expires = Date.parse(row.expires_at)
  await scripts.run(
    HEARTBEAT,
    [keys.worker + row.id, keys.workers],
    [row.id, JSON.stringify(row), expires - seen, expires, seen],
  )
}

/** Workers whose heartbeat has not expired, by id. */
export async function liveWorkers(client: Client, keys: Keys): Promise<WorkerRecord[]> {
  const ids = await client.zRange(keys.workers, Date.now(), '+inf', { BY: 'SCORE' })
  if (ids.length === 0) return []
  const texts = await client.mGet(ids.map((id) => keys.worker + id))
  return texts
    .filter((text): text is string => text !== null)
    .map((text) => workerFromRow(fromJson<WorkerRow>(text, 'a worker')))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** Withdraws a worker; true when it was announced. */
export async function dropWorker(client: Client, keys: Keys, id: string): Promise<boolean> {
  const [removed] = await client
    .multi()
    .del(keys.worker + id)
    .zRem(keys.workers, id)
    .exec()
  return Number(removed) === 1
}
