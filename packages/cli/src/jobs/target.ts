import type { QueueAdapter, QueueJob } from '@quantum/queue'
import type { JobRecord, ScheduleRecord, Store } from '@quantum/store'

/**
 * What the TEXT of `jobs status|run|retry TEXT` names, by one rule: a schedule's name, else a queue job's
 * ID, else a job's name (its definition, and its newest job on the queue). None of them: `Job not found`.
 */
export type Target =
  | { kind: 'schedule'; schedule: ScheduleRecord }
  | { kind: 'id'; job: QueueJob }
  | { kind: 'name'; name: string; definition?: JobRecord; newest?: QueueJob }

/** Resolves `text` by the rule of {@link Target}; undefined when it names nothing. */
export async function findTarget(
  store: Store,
  queue: () => Promise<QueueAdapter>,
  text: string,
): Promise<Target | undefined> {
  const schedule = await store.getSchedule(text)
  if (schedule) return { kind: 'schedule', schedule }
  const jobs = await queue()
  const byId = await jobs.get(text)
  if (byId) return { kind: 'id', job: byId }
  const definition = await store.getJob(text)
  const newest = await newestJob(jobs, text)
  if (!definition && !newest) return undefined
  return { kind: 'name', name: text, ...(definition ? { definition } : {}), ...(newest ? { newest } : {}) }
}

/** The queue job `text` names, by ID or as the newest of that name (`status`, `retry`). */
export function targetJob(target: Target): QueueJob | undefined {
  return target.kind === 'id' ? target.job : target.kind === 'name' ? target.newest : undefined
}

/** The most recently enqueued job named `name`. */
export async function newestJob(queue: QueueAdapter, name: string): Promise<QueueJob | undefined> {
  const [newest] = await queue.list({ name, order: 'newest', limit: 1 })
  return newest
}
