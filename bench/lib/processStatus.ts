import { readFileSync } from 'node:fs'

/** A process's threads and memory now, from /proc/PID/status. */
export interface ProcessStatus {
  /** Threads of the process (main, V8's helpers, libuv's pool, worker threads). */
  threads: number
  /** Resident memory now, in MB. */
  rssMb: number
  /** The highest resident memory since the process started (VmHWM), in MB. */
  peakRssMb: number
}

/** The status of process `pid`, or undefined once it has gone (or where there is no /proc). */
export function processStatus(pid: number): ProcessStatus | undefined {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return undefined
  }
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0)
  return { threads: field('Threads'), rssMb: field('VmRSS') / 1024, peakRssMb: field('VmHWM') / 1024 }
}
