import { quote } from '../expression/errors'
import { FORBIDDEN_NAMES, KEYWORDS, LITERAL_WORDS } from '../expression/tokens'

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

/** The rule a variable name follows, said once for every message about one. */
const RULE = {
  dotted:
    'a name is letters, digits and _, not starting with a digit, joined by dots for a scope or a property (session.user.name)',
  single: 'a name is letters, digits and _, not starting with a digit',
}

/**
 * Why `name` cannot name a variable, or undefined when it can: it must read back as the same name in
 * an expression. `dotted` allows a path (`session.user.name`, `order.status`); without it the name is
 * one identifier (a parameter or a function, which are never paths).
 */
export function variableNameProblem(name: string, dotted: boolean): string | undefined {
  const segments = name.split('.')
  const problem = segmentsProblem(segments, dotted)
  if (problem === undefined) return undefined
  const why = problem === '' ? '' : `: ${problem}`
  return `${quote(name)} is not a variable name${why}; ${RULE[dotted ? 'dotted' : 'single']}`
}

/** What is wrong with the parts of a name, `''` when the rule says it all, undefined when nothing is. */
function segmentsProblem(segments: readonly string[], dotted: boolean): string | undefined {
  if (!dotted && segments.length > 1) return 'it has a dot'
  for (const [i, segment] of segments.entries()) {
    if (segment === '') return segments.length > 1 ? 'it has an empty part between dots' : 'it is empty'
    if (!IDENTIFIER.test(segment)) return segments.length > 1 ? `${quote(segment)} is not an identifier` : ''
    if (FORBIDDEN_NAMES.has(segment))
      return `${quote(segment)} is reserved (so are ${[...FORBIDDEN_NAMES].filter((word) => word !== segment).join(' and ')})`
    if (KEYWORDS.has(segment)) return `${quote(segment)} is an operator word`
    if (i === 0 && LITERAL_WORDS.has(segment)) return `${quote(segment)} is a literal value`
  }
  return undefined
}
