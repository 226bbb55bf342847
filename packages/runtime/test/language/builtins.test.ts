import { describe, expect, it } from 'vitest'
import { run, runError } from '../helpers'

const clock = { now: () => new Date(2026, 0, 2, 15, 4, 5, 6) }
const value = async (expression: string, setup = '') =>
  (await run(`${setup}<q:return value="${expression.replaceAll('"', '&quot;')}"/>`, { services: { clock } }))
    .result

describe('built-in functions', () => {
  it('now() comes from the clock and renders as local ISO', async () => {
    expect(await value('{now()}')).toEqual(clock.now())
    const result = await run('<p>{now()}</p>', { services: { clock } })
    expect(result.output).toBe('<p>2026-01-02T15:04:05</p>\n')
  })

  it('formatDate() with every mask token', async () => {
    expect(await value("{formatDate(now(), 'yyyy-MM-dd HH:mm:ss')}")).toBe('2026-01-02 15:04:05')
    expect(await value("{formatDate(now(), 'yy M d h:m:s a')}")).toBe('26 1 2 3:4:5 PM')
    expect(await value("{formatDate(now(), 'EEEE, MMMM d, yyyy hh:mm SSS')}")).toBe(
      'Friday, January 2, 2026 03:04 006',
    )
    expect(await value("{formatDate('2025-03-01T10:00:00', 'dd/MM/yyyy')}")).toBe('01/03/2025')
    expect(await value("{formatDate(now(), 'yyyy' + \"'T'\")}")).toBe('2026T')
  })

  it('formatNumber() fixed, grouped and integer masks', async () => {
    expect(await value("{formatNumber(1234.5, '0.00')}")).toBe('1234.50')
    expect(await value("{formatNumber(1234567.891, '#,##0.00')}")).toBe('1,234,567.89')
    expect(await value("{formatNumber(2.5, '0')}")).toBe('3')
    expect(await value("{formatNumber(-0.004, '0.00')}")).toBe('0.00')
    expect(await value("{formatNumber(-1234, '$#,##0')}")).toBe('$-1,234')
    expect(await value("{formatNumber('12.345', '0.0')}")).toBe('12.3')
  })

  it('len str int float abs round min max sum sorted', async () => {
    expect(await value("{[len('abc'), len([1, 2]), len({'a': 1})]}")).toEqual([3, 2, 1])
    expect(await value('{str(12) + str(true)}')).toBe('12true')
    expect(await value("{[int('42'), int(3.9), float('2.5'), abs(-3)]}")).toEqual([42, 3, 2.5, 3])
    expect(await value('{[round(2.567, 2), round(2.5)]}')).toEqual([2.57, 3])
    expect(await value('{[min(3, 1, 2), max([3, 9, 2]), sum([1, 2, 3.5])]}')).toEqual([1, 9, 6.5])
    expect(await value("{sorted([3, '10', 1])}")).toEqual([1, 3, '10'])
  })

  it('upper lower trim and their aliases', async () => {
    expect(
      await value("{[upper('a'), lower('B'), trim('  c '), ucase('d'), lcase('E'), strip(' f ')]}"),
    ).toEqual(['A', 'b', 'c', 'D', 'e', 'f'])
  })

  it('isDefined() on plain and dotted names', async () => {
    const setup = `<q:set name="user" value='{{"name": "x"}}'/>`
    expect(
      await value(
        "{[isDefined('user'), isDefined('user.name'), isDefined('user.age'), isDefined('nope')]}",
        setup,
      ),
    ).toEqual([true, true, false, false])
  })

  it('toJson() and fromJson()', async () => {
    expect(await value("{toJson({'a': [1, 2]})}")).toBe('{"a":[1,2]}')
    expect(await value('{fromJson(\'{\\"b\\": true}\').b}')).toBe(true)
    const error = await runError(`<q:return value="{fromJson('nope')}"/>`)
    expect(error.message).toMatch(/^fromJson\(\) could not parse/)
  })

  it('dateAdd() with ColdFusion units and words, clamping month ends', async () => {
    const at = (expression: string) => value(`{formatDate(${expression}, 'yyyy-MM-dd HH:mm')}`)
    expect(await at("dateAdd('d', 1, now())")).toBe('2026-01-03 15:04')
    expect(await at("dateAdd('h', -16, now())")).toBe('2026-01-01 23:04')
    expect(await at("dateAdd('n', 30, now())")).toBe('2026-01-02 15:34')
    expect(await at("dateAdd('month', 1, '2026-01-31T00:00:00')")).toBe('2026-02-28 00:00')
    expect(await at("dateAdd('yyyy', 1, '2024-02-29T12:00:00')")).toBe('2025-02-28 12:00')
    expect(await at("dateAdd('week', 2, now())")).toBe('2026-01-16 15:04')
    const error = await runError(`<q:return value="{dateAdd('fortnight', 1, now())}"/>`)
    expect(error.message).toContain('dateAdd() unit "fortnight" is not one of')
  })

  it('user functions win over built-ins of the same name', async () => {
    expect(
      await value(
        '{len(5)}',
        '<q:function name="len"><q:param name="x"/><q:return value="custom"/></q:function>',
      ),
    ).toBe('custom')
  })

  it('reports a bad argument with the function name', async () => {
    const error = await runError(`<q:return value="{abs('x')}"/>`)
    expect(error.code).toBe('RUNTIME_TYPE_ERROR')
    expect(error.message).toBe('abs() needs a number as argument 1, got x')
  })
})
