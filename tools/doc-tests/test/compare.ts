/**
 * How shown output is compared with real output. Both sides are normalised line by line, so that what
 * differs from run to run (times, durations, worker ids, ports, mail ids, absolute paths) compares equal;
 * everything else must be as shown. In the shown output a line `...` stands for any number of lines and
 * `…` inside a line for any text.
 */

/** Run-to-run differences, replaced by one placeholder each. Order matters: instants before durations. */
const VARYING: [RegExp, string][] = [
  [/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<instant>'],
  [/\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\b/g, '<time>'],
  [/\b(127\.0\.0\.1|localhost):\d+/g, '$1:<port>'],
  [/\b[\w.-]+:\d+:[0-9a-f]{6}\b/g, '<worker>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uuid>'],
  [/\b\d+(?:\.\d+)? ?(?:ms|s)\b/g, '<duration>'],
  [/(?<![\w:/.~<>-])\/(?:[\w.@+-]+\/)*[\w.@+-]+/g, '<path>'],
]

/** A line with what varies between runs replaced, and no trailing blanks. */
export function normalize(line: string): string {
  let text = line.trimEnd()
  for (const [pattern, placeholder] of VARYING) text = text.replace(pattern, placeholder)
  return text
}

/** The line `...`: any number of lines. */
export const GAP = '...'

/** Whether a real line is what a shown line says (after normalising both; `…` in the shown one is any text). */
export function lineMatches(shown: string, real: string): boolean {
  const expected = normalize(shown)
  const actual = normalize(real)
  if (!expected.includes('…')) return expected === actual
  const pattern = expected
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*?')
  return new RegExp(`^${pattern}$`).test(actual)
}

/** Whether the real lines are the shown ones, exactly but for the gaps (`...`). */
export function outputMatches(shown: string[], real: string[]): boolean {
  const from = (s: number, r: number): boolean => {
    if (s === shown.length) return r === real.length
    if (shown[s] === GAP) {
      for (let next = r; next <= real.length; next++) if (from(s + 1, next)) return true
      return false
    }
    return r < real.length && lineMatches(shown[s] as string, real[r] as string) && from(s + 1, r + 1)
  }
  return from(0, 0)
}

/** A line a worker stamps with its time: an event or a log line. */
const STAMPED = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /

/**
 * How a live command's output (one stopped with Ctrl-C) is compared, since jobs and fires interleave
 * differently on every run: the shown lines all appear, others between them allowed; the unstamped ones
 * (banner, stop lines) in the order shown, and the time-stamped ones anywhere between the unstamped
 * lines around them.
 */
export function appearsLive(shown: string[], real: string[]): boolean {
  let from = 0
  let floating: string[] = []
  const placeFloating = (until: number): boolean => {
    const used = new Set<number>()
    for (const line of floating) {
      let at = from
      while (at < until && (used.has(at) || !lineMatches(line, real[at] as string))) at++
      if (at === until) return false
      used.add(at)
    }
    floating = []
    return true
  }
  for (const line of shown) {
    if (line === GAP) continue
    if (STAMPED.test(line)) {
      floating.push(line)
      continue
    }
    let at = from
    while (at < real.length && !lineMatches(line, real[at] as string)) at++
    if (at === real.length || !placeFloating(at)) return false
    from = at + 1
  }
  return placeFloating(real.length)
}

/**
 * The output to show for `real`, keeping each shown line that still matches the real line at its place
 * (so the docs' own example paths and ids stay), for `UPDATE_DOCS=1`.
 */
export function refreshed(shown: string[], real: string[], sandbox: string, shownRoot: string): string[] {
  return real.map((line, index) => {
    const old = shown[index]
    if (old !== undefined && old !== GAP && lineMatches(old, line)) return old
    return line.replaceAll(sandbox, shownRoot).trimEnd()
  })
}
