/** `1 job`, `2 jobs`, `0 jobs`: a count and its noun, plural unless the count is 1. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`
}
