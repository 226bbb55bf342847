import type { Hono } from 'hono'
import type { Deployment } from '../deployment'

/** `/api/workers`: every live worker process (its heartbeat has not expired). */
export function workerRoutes(app: Hono, { store }: Deployment): void {
  app.get('/api/workers', async (c) => c.json({ workers: await store.workers() }))
}
