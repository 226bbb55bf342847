import { ErrorCodes } from '@quantum/ast'
import { Hono } from 'hono'
import { errorResponse } from './apiError'
import type { Deployment } from './deployment'
import type { LiveHub } from './liveHub'
import { eventRoutes } from './routes/events'
import { historyRoutes } from './routes/history'
import { jobRoutes } from './routes/jobs'
import { queueRoutes } from './routes/queues'
import { scheduleRoutes } from './routes/schedules'
import { workerRoutes } from './routes/workers'
import { type SafetyOptions, safety } from './safety'

/** What the app serves and how it reports what no client should see. */
export interface AppOptions extends SafetyOptions {
  deployment: Deployment
  hub: LiveHub
  log: (message: string) => void
}

/** The JSON API (docs/playground-api.md) behind the safety checks, every error a coded JSON answer. */
export function createApp(options: AppOptions): Hono {
  const { deployment, hub, log } = options
  const app = new Hono()
  app.onError((error, c) => errorResponse(error, c, log))
  app.notFound((c) =>
    c.json(
      {
        error: {
          code: ErrorCodes.PLAYGROUND_NOT_FOUND,
          message: `No route for ${c.req.method} ${c.req.path}`,
        },
      },
      404,
    ),
  )
  app.use('*', safety(options))
  app.get('/api/session', (c) =>
    c.json({
      mode: 'monitor',
      store: { kind: deployment.store.kind, location: deployment.location },
      readOnly: options.readOnly,
      token: options.readOnly ? null : options.token,
    }),
  )
  workerRoutes(app, deployment)
  scheduleRoutes(app, deployment, hub)
  queueRoutes(app, deployment, hub)
  jobRoutes(app, deployment, hub)
  historyRoutes(app, deployment)
  eventRoutes(app, hub)
  return app
}
