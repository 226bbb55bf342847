import type { ActiveJob, QueueAdapter } from '@quantum/queue'

/** A queue adapter that knows which jobs this process is running on it. */
export interface TrackedQueue {
  /** The same adapter: jobs its `process` handlers take are in {@link running} until their handler returns. */
  queue: QueueAdapter
  /** The jobs running in this process now, by id. */
  running: ReadonlyMap<string, ActiveJob>
}

/**
 * Wraps `queue` so that the jobs its processors run here are known (a stop names the jobs it waits for
 * and those it hands back). Every other call goes to `queue` itself.
 */
export function trackRunning(queue: QueueAdapter): TrackedQueue {
  const running = new Map<string, ActiveJob>()
  const process: QueueAdapter['process'] = (handler, options) =>
    queue.process(async (job) => {
      running.set(job.id, job)
      try {
        return await handler(job)
      } finally {
        running.delete(job.id)
      }
    }, options)
  const tracked = new Proxy(queue, {
    get(target, key) {
      if (key === 'process') return process
      const value = Reflect.get(target, key, target)
      // Adapters keep private state: their methods run on the adapter itself.
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { queue: tracked, running }
}
