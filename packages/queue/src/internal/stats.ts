import type { JobStatus, QueueStats } from '../contract'

export function emptyStats(queue: string): QueueStats {
  return { queue, pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0, paused: false }
}

export function statsOf(
  queue: string,
  counts: Iterable<{ status: JobStatus; count: number }>,
  paused: boolean,
): QueueStats {
  const stats = emptyStats(queue)
  for (const { status, count } of counts) stats[status] = count
  stats.paused = paused
  return stats
}
