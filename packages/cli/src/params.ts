import { InvalidArgumentError } from 'commander'

/** One `--param name=value`, as typed: the value stays a string until the runtime converts it. */
export type ParamPair = readonly [name: string, value: string]

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * Split `name=value` at the first `=`. The value may be empty or contain `=`; the name must be an
 * identifier.
 *
 * @throws InvalidArgumentError (a usage error) for text without `=` or with a bad name
 */
export function parseParam(text: string): ParamPair {
  const at = text.indexOf('=')
  const name = at === -1 ? '' : text.slice(0, at)
  if (!NAME.test(name)) {
    throw new InvalidArgumentError(
      'expected NAME=VALUE, where NAME is a parameter name like limit or user_id.',
    )
  }
  return [name, text.slice(at + 1)]
}

/** Commander's accumulator for the repeatable `--param`: each occurrence adds one pair. */
export function collectParam(text: string, previous: readonly ParamPair[] = []): ParamPair[] {
  return [...previous, parseParam(text)]
}

/** The pairs as run parameters; a name given twice keeps its last value. */
export function paramsObject(pairs: readonly ParamPair[]): Record<string, string> {
  return Object.fromEntries(pairs)
}
