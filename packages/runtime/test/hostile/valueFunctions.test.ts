import { describe, expect, it } from 'vitest'
import { hostile, hostileError } from '../support/hostile'

// Issue 19, item 13: `dateAdd('yyyy', 1e11, now())` rendered `0NaN-NaN-NaNTNaN:NaN:NaN`, `round(1.5, 1e9)`
// returned null, and a too-deep returned value failed without a line number.

/** Numbers the expression language has no literal for (it writes no exponents). */
const params = { e9: 1e9, e11: 1e11, e300: 1e300, e308: 1e308 }

/** The error `expression` ends with, set as `t` on line 1 (the expression starts at column 50). */
async function failure(expression: string) {
  const error = await hostileError(`<q:set name="t" value="{${expression}}"/>`, { params })
  return { code: error.code, location: error.location, message: error.message }
}

/** `first` fails with `message` at its expression; each of `others` fails with the same code. */
async function outOfRange(first: string, message: string, others: readonly string[]) {
  expect(await failure(first)).toEqual({ code: 'RUNTIME_TYPE_ERROR', location: 'test.q:1:50', message })
  for (const expression of others) {
    expect([expression, (await failure(expression)).code]).toEqual([expression, 'RUNTIME_TYPE_ERROR'])
  }
}

describe('hostile: a number or date builtin out of range is a coded error at the expression', () => {
  it("dateAdd('yyyy', 1e11, now()) and other dates beyond JavaScript's range", async () => {
    await outOfRange(
      "dateAdd('yyyy', e11, now())",
      'dateAdd() gives a date outside the range of dates (years -271821 to 275760)',
      [
        "dateAdd('d', e11, now())",
        "dateAdd('s', e300, now())",
        "dateAdd('m', -e300, now())",
        "dateAdd('ms', e308, now())",
      ],
    )
    expect((await failure("formatDate(e300, 'yyyy')")).message).toBe(
      'formatDate() needs a date as argument 1, got 1e+300',
    )
  })

  it('round(1.5, 1e9) and other numbers that are not finite', async () => {
    await outOfRange(
      'round(1.5, e9)',
      'round() gives NaN, not a finite number (an argument is out of range)',
      [
        'round(1.5, -e9)',
        "int('1e400')",
        "float('1e400')",
        "abs('-1e400')",
        'sum([e308, e308])',
        'e308 * 10',
        'e308 + e308',
        '-e308 - e308',
        'e308 / 0.5',
        'e308 // 0.1',
      ],
    )
  })

  it('values in range still work, rounding a huge number included', async () => {
    const { result } = await hostile(
      "<q:return value=\"{[round(1.25, 1), round(e300, 10), round(1234, -2), int('3.9'), formatDate(dateAdd('yyyy', 1, '2030-01-31'), 'yyyy-MM-dd')]}\"/>",
      { params },
    )
    expect(result?.result).toEqual([1.3, 1e300, 1200, 3, '2031-01-31'])
  })
})

describe("hostile: a returned value too deep or too long fails at the q:return's line and column", () => {
  const deep =
    '<q:set name="a" value="{[]}"/><q:loop type="range" var="i" from="1" to="1500"><q:set name="a" value="{[a]}"/></q:loop>'

  it('too deep', async () => {
    const error = await hostileError(`${deep}\n  <q:return value="{a}"/>`)
    expect([error.code, error.location, error.message]).toEqual([
      'RUNTIME_LIMIT_EXCEEDED',
      'test.q:2:3',
      'cannot serialise a value nested deeper than 1000 levels',
    ])
  })

  it('too long', async () => {
    const error = await hostileError('\n\n <q:return value="{s}"/>', {
      params: { s: 'x'.repeat(2_000) },
      runtime: { limits: { maxValueLength: 1_000 } },
    })
    expect([error.code, error.location]).toEqual(['RUNTIME_LIMIT_EXCEEDED', 'test.q:3:2'])
  })
})
