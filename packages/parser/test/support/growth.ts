/**
 * How much more CPU time `work(8n)` takes than `work(n)`: the best of five runs of each. CPU time, not
 * wall time, so that other processes on a busy machine do not count; the best run, so that a garbage
 * collection landing in one run does not either. Linear work measures about 8 to 15 (GC included),
 * quadratic 64.
 */
export function growth(work: (n: number) => unknown, n: number): number {
  const best = (size: number) => {
    let fastest = Number.POSITIVE_INFINITY
    for (let i = 0; i < 5; i++) {
      const started = process.cpuUsage()
      work(size)
      const used = process.cpuUsage(started)
      fastest = Math.min(fastest, used.user + used.system)
    }
    return fastest
  }
  best(n) // warm up the JIT before measuring
  return best(8 * n) / best(n)
}
