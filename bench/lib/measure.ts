/** One timed contestant of a side-by-side benchmark. */
export interface Contestant {
  name: string
  run: () => unknown
}

/** Median seconds per run of each contestant, interleaved so machine noise hits all of them alike. */
export function race(
  contestants: Contestant[],
  options: { warmup: number; rounds: number },
): Map<string, number> {
  for (let i = 0; i < options.warmup; i++) for (const c of contestants) c.run()
  const samples = new Map(contestants.map((c) => [c.name, [] as number[]]))
  for (let round = 0; round < options.rounds; round++) {
    for (const c of contestants) {
      const start = process.hrtime.bigint()
      c.run()
      samples.get(c.name)?.push(Number(process.hrtime.bigint() - start) / 1e9)
    }
  }
  return new Map([...samples].map(([name, times]) => [name, median(times)]))
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** The value below which `p` percent of `values` fall (nearest rank). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] as number
}
