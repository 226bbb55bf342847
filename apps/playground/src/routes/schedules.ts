import { ErrorCodes, ScheduleError } from '@quantum/ast'
import { createScheduleRegistrar } from '@quantum/scheduler'
import type { Hono } from 'hono'
import type { Deployment } from '../deployment'
import type { LiveHub } from '../liveHub'
import { oneOf, wholeNumber } from '../query'
import { scheduleView } from '../views'

const VERBS = ['pause', 'resume', 'run'] as const

/** `/api/schedules`: list, one schedule with its recent fires, pause/resume/run now, delete. */
export function scheduleRoutes(app: Hono, { store }: Deployment, hub: LiveHub): void {
  const registrar = createScheduleRegistrar(store)

  app.get('/api/schedules', async (c) => {
    const status = c.req.query('status')
    const schedules = await store.listSchedules(
      status === undefined ? {} : { status: oneOf(status, ['active', 'paused'] as const, 'status') },
    )
    return c.json({
      schedules: await Promise.all(schedules.map((schedule) => scheduleView(store, schedule))),
    })
  })

  app.get('/api/schedules/:name', async (c) => {
    const name = c.req.param('name')
    const limit = wholeNumber(c.req.query('runs'), 'runs', 20, 0, 500)
    const schedule = await store.getSchedule(name)
    if (!schedule) throw notFound(name)
    const runs = await store.history({ name, kind: 'schedule', limit })
    return c.json({ schedule: await scheduleView(store, schedule), runs })
  })

  app.post('/api/schedules/:name/:verb', async (c) => {
    const name = c.req.param('name')
    const verb = oneOf(c.req.param('verb'), VERBS, 'schedule action')
    // `run` asks the deployment's workers to fire it now; the fire shows up in history when one did.
    const done = verb === 'run' ? await store.runScheduleNow(name) : await registrar[verb](name)
    if (!done) throw notFound(name)
    hub.changed({ schedule: name })
    const schedule = await store.getSchedule(name)
    if (!schedule) throw notFound(name)
    return c.json({ schedule: await scheduleView(store, schedule) })
  })

  app.delete('/api/schedules/:name', async (c) => {
    const name = c.req.param('name')
    if (!(await registrar.delete(name))) throw notFound(name)
    hub.changed({ schedule: name })
    return c.json({ deleted: name })
  })
}

function notFound(name: string): ScheduleError {
  return new ScheduleError(ErrorCodes.SCHEDULE_NOT_FOUND, `No schedule is named '${name}'`, {
    details: { name },
  })
}
