import { readdirSync, readFileSync } from 'node:fs'

/** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux). */
const TICKS = 100

/** CPU used by process `pid` (or one of its threads), in ms, from /proc; NaN where there is none. */
export function cpuMs(pid: number, thread?: string): number {
  try {
    const path = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`
    const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? []
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS
  } catch {
    return Number.NaN
  }
}

/** CPU used so far by each thread of this process, in ms, by thread id (empty where /proc is missing). */
export function threadCpu(): Map<string, number> {
  const used = new Map<string, number>()
  try {
    for (const thread of readdirSync('/proc/self/task')) used.set(thread, cpuMs(process.pid, thread))
  } catch {
    // Not Linux: no split.
  }
  return used
}

/**
 * CPU used between two {@link threadCpu} readings, in ms: by the main thread, and by all the others
 * together (worker threads, V8's GC helpers). A thread that ended in between is left out; NaN without /proc.
 */
export function cpuBetween(before: Map<string, number>, after: Map<string, number>) {
  if (after.size === 0) return { main: Number.NaN, others: Number.NaN }
  let main = 0
  let others = 0
  for (const [thread, ms] of after) {
    const used = ms - (before.get(thread) ?? 0)
    if (thread === String(process.pid)) main = used
    else others += used
  }
  return { main, others }
}
