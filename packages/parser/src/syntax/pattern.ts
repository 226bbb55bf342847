import { RE2JS, RE2JSSyntaxException } from 're2js'

/** JavaScript regular-expression features the linear-time engine does not have, by how they start. */
const UNSUPPORTED: readonly [RegExp, string][] = [
  [/^\(\?[=!]/, 'lookahead ((?=…), (?!…))'],
  [/^\(\?<[=!]/, 'lookbehind ((?<=…), (?<!…))'],
  [/^\\(?:[1-9]|k)/, 'backreferences (\\1, \\k<name>)'],
]

/**
 * Why `pattern` cannot be a `q:set` pattern (`uses lookahead…`), or undefined when it can. Patterns run on RE2 (`re2js`),
 * whose matching time is linear in the text, so a pattern cannot freeze a run; the price is that
 * lookaround and backreferences, which need backtracking, are named as unsupported.
 */
export function patternProblem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern)
    return undefined
  } catch (error) {
    if (!(error instanceof RE2JSSyntaxException)) throw error
    const feature = UNSUPPORTED.find(([start]) => start.test(error.input ?? ''))
    if (feature)
      return `uses ${feature[1]}, which patterns do not support: they run on RE2, a linear-time engine`
    return `is not a valid regular expression: ${error.message.replace(/^error parsing regexp: /, '')}`
  }
}
