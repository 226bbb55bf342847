import { InvalidArgumentError } from 'commander'

/**
 * A commander parser for a whole-number option between `min` and `max`; anything else is a usage error
 * (exit 2) naming the range.
 */
export function wholeNumber(min: number, max: number): (text: string) => number {
  return (text) => {
    const value = Number(text)
    if (!/^\s*\d+\s*$/.test(text) || value < min || value > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`)
    }
    return value
  }
}
