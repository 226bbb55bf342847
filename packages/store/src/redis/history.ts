import type { PreparedQuery } from '../internal/prepare'
import { type RunRow, runFromRow } from '../internal/rows'
import { fromJson } from '../internal/values'
import type { Retention, RunRecord } from '../store'
import type { Client, Scripts } from './connection'
import type { Keys } from './keys'
import { RECORD_RUN } from './scripts'

/** How many history ids a query reads per round trip while it filters. */
const PAGE = 200

/** Records a prepared run and applies retention, in one script. */
export async function insertRun(
  scripts: Scripts,
  keys: Keys,
  row: RunRow,
  retention: Retention,
): Promise<RunRecord> {
  const recorded = Date.parse(row.created_at)
  const id = await scripts.run(
    RECORD_RUN,
    [keys.historySeq, keys.history, keys.historyByAge, keys.historyName + row.name],
    [
      JSON.stringify(row),
      recorded,
      retention.maxPerName ?? '',
      retention.maxAgeMs === null ? '' : recorded - retention.maxAgeMs,
      keys.historyRow,
      keys.historyName,
    ],
  )
  return runFromRow(Number(id), row)
}

/**
 * The rows a query asks for, newest first: pages down the name's (or the global) id index by score,
 * so rows recorded meanwhile never shift a page, and filters kind and status as it reads.
 */
export async function selectHistory(client: Client, keys: Keys, query: PreparedQuery): Promise<RunRecord[]> {
  const { name, kind, statuses, limit } = query
  const index = name === null ? keys.history : keys.historyName + name
  const found: RunRecord[] = []
  let below = '+inf'
  while (found.length < limit) {
    const ids = await client.zRange(index, below, '-inf', {
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
      if (statuses !== null && !statuses.includes(row.status)) return
      found.push(runFromRow(Number(ids[at]), row))
    })
    below = `(${ids.at(-1)}`
  }
  return found
}
