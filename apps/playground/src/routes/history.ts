import { type HistoryQuery, RUN_KINDS, RUN_STATUSES } from '@quantum/store'
import type { Hono } from 'hono'
import type { Deployment } from '../deployment'
import { MAX_LIMIT, oneOf, text, wholeNumber } from '../query'

/** `/api/history`: every fire and attempt, filtered by name, kind and status, newest first, paged by id. */
export function historyRoutes(app: Hono, { store }: Deployment): void {
  app.get('/api/history', async (c) => {
    const name = text(c.req.query('name'), 'name')
    const kind = c.req.query('kind')
    const status = c.req.query('status')
    const limit = wholeNumber(c.req.query('limit'), 'limit', 50, 1, MAX_LIMIT)
    const before = wholeNumber(c.req.query('before'), 'before', 0, 1)
    const query: HistoryQuery = { limit }
    if (name !== undefined) query.name = name
    if (kind !== undefined) query.kind = oneOf(kind, RUN_KINDS, 'kind')
    if (status !== undefined)
      query.status = status.split(',').map((one) => oneOf(one, RUN_STATUSES, 'status'))
    if (before > 0) query.beforeId = before
    const runs = await store.history(query)
    return c.json({ runs, nextBefore: runs.length === limit ? (runs.at(-1)?.id ?? null) : null })
  })
}
