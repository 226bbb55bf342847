/**
 * How much longer `work(4n)` takes than `work(n)`: the best of five timings of each, so that a pause
 * of the shared machine during one run does not count. About 4 (up to 6 with GC) when the work is
 * linear, 16 when it is quadratic.
 */
export function growth(work: (n: number) => unknown, n: number): number {
  const best = (size: number) => {
    let fastest = Number.POSITIVE_INFINITY
    for (let i = 0; i < 5; i++) {
      const started = performance.now()
      work(size)
      fastest = Math.min(fastest, performance.now() - started)
    }
    return fastest
  }
  best(n) // warm up the JIT before measuring
  return best(4 * n) / best(n)
}
