import type { Hono } from 'hono'
import type { Deployment } from '../deployment'
import type { LiveHub } from '../liveHub'
import { oneOf } from '../query'

/** `/api/queues`: counts by status per queue, pause and resume. */
export function queueRoutes(app: Hono, { queue }: Deployment, hub: LiveHub): void {
  app.get('/api/queues', async (c) => c.json({ queues: await queue.queues() }))

  app.get('/api/queues/:queue', async (c) => c.json({ queue: await queue.stats(c.req.param('queue')) }))

  app.post('/api/queues/:queue/:verb', async (c) => {
    const name = c.req.param('queue')
    const verb = oneOf(c.req.param('verb'), ['pause', 'resume'] as const, 'queue action')
    await queue[verb](name)
    hub.changed({ queues: true })
    return c.json({ queue: await queue.stats(name) })
  })
}
