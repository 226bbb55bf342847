import { closest } from '@quantum/parser'
import type { z } from 'zod'
import { isProblem } from './pieces'

type Issue = z.core.$ZodIssue
type Path = readonly PropertyKey[]

/** One thing wrong in a configuration: the key at fault and what is wrong with it. */
export interface ConfigProblem {
  path: Path
  /** The problem, after the dotted path of its key (`limits.maxSteps: expected …, got "x"`). */
  message: string
  /** The key itself is at fault (an unknown key), not its value. */
  atKey: boolean
}

/**
 * The issues worth reporting, with whole paths: a union's own issue gives way to the issues of the one
 * option the value has the shape of (a `redis` object missing its `url`, a negative number of seconds).
 */
export function leafIssues(issues: readonly Issue[], base: Path = []): Issue[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path]
    if (issue.code === 'invalid_union') {
      const fitting = issue.errors.filter(
        (option) => !option.some((inner) => inner.path.length === 0 && inner.code === 'invalid_type'),
      )
      if (fitting.length === 1 && fitting[0]) return leafIssues(fitting[0], path)
    }
    return [{ ...issue, path } as Issue]
  })
}

/** Why a flag's or a variable's value is refused, as a sentence after its name (`must be …`). */
export function settingMessage(issue: Issue): string {
  return isProblem(issue) ? issue.message : `must be ${issue.message}`
}

/**
 * The problems of a configuration in the words a user reads; `knownKeys` lists the keys an object at a
 * path may have, for the "did you mean" of an unknown key.
 */
export function configProblems(
  issues: readonly Issue[],
  knownKeys: (path: Path) => string[],
): ConfigProblem[] {
  return leafIssues(issues).flatMap((issue): ConfigProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = [...issue.path, key]
        return { path, message: unknownKey(dotted(path), key, knownKeys(issue.path)), atKey: true }
      })
    }
    const where = dotted(issue.path)
    return [
      { path: issue.path, message: `${where}${where === '' ? '' : ': '}${problemOf(issue)}`, atKey: false },
    ]
  })
}

function problemOf(issue: Issue): string {
  if (isProblem(issue)) return issue.message
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator !== undefined) {
    // A discriminated union that matched no option says which values it takes.
    const { options = [] } = issue as { options?: unknown[] }
    const input = issue.input as Record<string, unknown> | undefined
    return `expected one of ${options.map(String).join(', ')}, ${got(input?.[issue.discriminator])}`
  }
  return `expected ${issue.message}, ${got(issue.input)}`
}

function unknownKey(where: string, key: string, known: string[]): string {
  const guess = closest(key, known)
  return guess === undefined
    ? `unknown key '${where}' (known keys: ${known.join(', ')})`
    : `unknown key '${where}'; did you mean '${guess}'?`
}

function got(value: unknown): string {
  if (value === undefined) return 'but it is missing'
  const json = JSON.stringify(value)
  return `got ${json.length > 60 ? `${json.slice(0, 59)}…` : json}`
}

/** `limits.maxSteps`, `files.roots[0]`: a path as it is written in the documentation. */
export function dotted(path: Path): string {
  return path
    .map((step, i) => (typeof step === 'number' ? `[${step}]` : `${i === 0 ? '' : '.'}${String(step)}`))
    .join('')
}
