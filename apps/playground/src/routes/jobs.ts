import { ErrorCodes, QueueError } from '@quantum/ast'
import type { QueueAdapter, QueueJob } from '@quantum/queue'
import type { Hono } from 'hono'
import { ApiError, badRequest } from '../apiError'
import type { Deployment } from '../deployment'
import { readSelection, selectIds, selectPage } from '../jobSelection'
import type { LiveHub } from '../liveHub'
import { MAX_LIMIT, oneOf, wholeNumber } from '../query'
import { jobView } from '../views'

const ACTIONS = ['retry', 'cancel', 'delete'] as const
type JobAction = (typeof ACTIONS)[number]

/** Why an action did nothing to a job that exists. */
const NOT_APPLICABLE: Record<JobAction, string> = {
  retry: 'only a failed or cancelled job is retried',
  cancel: 'only a pending job is cancelled',
  delete: 'a running job is not deleted',
}

/** How many ids one batch may name. */
const MAX_IDS = 1_000

/** `/api/jobs`: list and filter, one job's detail with its attempts, retry/cancel/delete one or many. */
export function jobRoutes(app: Hono, { store, queue }: Deployment, hub: LiveHub): void {
  app.get('/api/jobs', async (c) => {
    const selection = readSelection((field) => c.req.query(field))
    const limit = wholeNumber(c.req.query('limit'), 'limit', 50, 1, MAX_LIMIT)
    const offset = wholeNumber(c.req.query('offset'), 'offset', 0, 0)
    const page = await selectPage(queue, selection, { limit, offset })
    return c.json({ ...page, jobs: page.jobs.map(jobView), limit, offset })
  })

  app.post('/api/jobs/actions', async (c) => {
    const body = await jsonBody(c.req.raw)
    const action = oneOf(String(body.action), ACTIONS, 'action')
    const { ids, filter } = body
    if ((ids === undefined) === (filter === undefined)) {
      throw badRequest('A batch names either ids (an array) or filter (an object), not both or neither')
    }
    let chosen: string[]
    let complete = true
    if (ids !== undefined) {
      if (
        !Array.isArray(ids) ||
        ids.some((id) => typeof id !== 'string' || id === '') ||
        ids.length > MAX_IDS
      ) {
        throw badRequest(`ids must be an array of at most ${MAX_IDS} job ids`)
      }
      chosen = [...new Set(ids as string[])]
    } else {
      if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
        throw badRequest('filter must be an object such as { "queue": "mail", "status": "failed" }')
      }
      const selected = await selectIds(
        queue,
        readSelection((field) => (filter as Record<string, unknown>)[field]),
      )
      chosen = selected.ids
      complete = selected.complete
    }
    const done: string[] = []
    const skipped: { id: string; reason: string }[] = []
    for (const id of chosen) {
      const outcome = await act(queue, action, id)
      if (outcome === true) done.push(id)
      else skipped.push({ id, reason: outcome })
    }
    hub.changed({ jobs: done })
    return c.json({ action, matched: chosen.length, complete, done, skipped })
  })

  app.get('/api/jobs/:id', async (c) => {
    const id = c.req.param('id')
    const job = await queue.get(id)
    if (!job) throw jobNotFound(id)
    const limit = wholeNumber(c.req.query('attempts'), 'attempts', 100, 1, MAX_LIMIT)
    const attempts = await store.history({ name: job.name, kind: 'job', runId: id, limit })
    return c.json({ job: jobView(job), attempts })
  })

  app.post('/api/jobs/:id/:verb', async (c) => {
    const id = c.req.param('id')
    const verb = oneOf(c.req.param('verb'), ['retry', 'cancel'] as const, 'job action')
    return c.json(await actOnOne(queue, hub, verb, id))
  })

  app.delete('/api/jobs/:id', async (c) => c.json(await actOnOne(queue, hub, 'delete', c.req.param('id'))))
}

async function actOnOne(
  queue: QueueAdapter,
  hub: LiveHub,
  action: JobAction,
  id: string,
): Promise<{ job: ReturnType<typeof jobView> | null; deleted?: string }> {
  const outcome = await act(queue, action, id)
  if (outcome !== true) {
    if (outcome === 'not found') throw jobNotFound(id)
    throw new ApiError(409, ErrorCodes.QUEUE_ERROR, `Cannot ${action} job ${id}: ${outcome}`, { id, action })
  }
  hub.changed({ jobs: [id] })
  if (action === 'delete') return { job: null, deleted: id }
  const job = await queue.get(id)
  return { job: job ? jobView(job) : null }
}

/** Does `action` to one job: true, or why not (`not found`, or why it does not apply to its status). */
async function act(queue: QueueAdapter, action: JobAction, id: string): Promise<true | string> {
  const done =
    action === 'retry'
      ? await queue.retry(id)
      : action === 'cancel'
        ? await queue.cancel(id)
        : await queue.remove(id)
  if (done) return true
  const job: QueueJob | undefined = await queue.get(id)
  return job ? `it is ${job.status} (${NOT_APPLICABLE[action]})` : 'not found'
}

function jobNotFound(id: string): QueueError {
  return new QueueError(ErrorCodes.QUEUE_JOB_NOT_FOUND, `No job has the id '${id}'`, { details: { id } })
}

async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  let body: unknown
  try {
    body = await request.json()
  } catch {
    throw badRequest('The body must be a JSON object')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('The body must be a JSON object')
  return body as Record<string, unknown>
}
