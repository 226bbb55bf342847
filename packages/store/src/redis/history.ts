import type { PreparedQuery } from '../internal/prepare'
import { type RunRow, runFromRow } from '../internal/rows'
import { fromJson } from '../internal/values'
import type { Retention, RunRecord } from '../store'
import type { Client, Scripts } from './connection'
import type { Keys } from './keys'
import { RECORD_RUNS } from './scripts'

/** How many history ids a query reads per round trip while it filters. */
const PAGE = 200

/**
 * Records prepared runs, applying retention: the rows recorded in one turn go to Redis together, in one
 * script call (a worker settling many jobs at once writes its history in one command, not one per job).
 */
export class HistoryWriter {
  readonly #scripts: Scripts
  readonly #keys: Keys
  readonly #retention: Retention
  #pending: { row: RunRow; resolve(record: RunRecord): void; reject(error: unknown): void }[] = []

  constructor(scripts: Scripts, keys: Keys, retention: Retention) {
    this.#scripts = scripts
    this.#keys = keys
    this.#retention = retention
  }

  insert(row: RunRow): Promise<RunRecord> {
    return new Promise((resolve, reject) => {
      if (this.#pending.length === 0) process.nextTick(() => void this.#flush())
      this.#pending.push({ row, resolve, reject })
    })
  }

  async #flush(): Promise<void> {
    const batch = this.#pending
    this.#pending = []
    const keys = this.#keys
    const retention = this.#retention
    const recorded = batch.map(({ row }) => Date.parse(row.created_at))
    try {
      const ids = (await this.#scripts.run(
        RECORD_RUNS,
        [keys.historySeq, keys.history, keys.historyByAge, keys.runs],
        [
          retention.maxPerName ?? '',
          retention.maxAgeMs === null ? '' : Math.max(...recorded) - retention.maxAgeMs,
          keys.historyRow,
          keys.historyName,
          ...batch.flatMap(({ row }, i) => [row.name, JSON.stringify(row), recorded[i] as number]),
        ],
      )) as unknown[]
      for (const [i, { row, resolve }] of batch.entries()) resolve(runFromRow(Number(ids[i]), row))
    } catch (error) {
      for (const { reject } of batch) reject(error)
    }
  }
}

/**
 * The rows a query asks for, newest first: pages down the name's (or the global) id index by score,
 * so rows recorded meanwhile never shift a page, and filters kind and status as it reads.
 */
export async function selectHistory(client: Client, keys: Keys, query: PreparedQuery): Promise<RunRecord[]> {
  const { name, kind, statuses, limit, runId, beforeId, afterId } = query
  const index = name === null ? keys.history : keys.historyName + name
  const found: RunRecord[] = []
  let below = beforeId === null ? '+inf' : `(${beforeId}`
  const above = afterId === null ? '-inf' : `(${afterId}`
  while (found.length < limit) {
    const ids = await client.zRange(index, below, above, {
      BY: 'SCORE',
      REV: true,
      LIMIT: { offset: 0, count: PAGE },
    })
    if (ids.length === 0) break
    const texts = await client.mGet(ids.map((id) => keys.historyRow + id))
    texts.forEach((text, at) => {
      // A row pruned between the two reads is simply gone.
      if (text === null || found.length >= limit) return
      const row = fromJson<RunRow>(text, 'a history row')
      if (kind !== null && row.kind !== kind) return
      if (runId !== null && row.run_id !== runId) return
      if (statuses !== null && !statuses.includes(row.status)) return
      found.push(runFromRow(Number(ids[at]), row))
    })
    below = `(${ids.at(-1)}`
  }
  return found
}
