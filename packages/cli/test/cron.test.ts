import { check } from '@quantum/parser'
import { describe, expect, it } from 'vitest'
import { run } from './run'

const cwd = process.cwd()
const next = (...args: string[]) => run(['cron', 'next', ...args], { cwd })
const lines = (...instants: string[]) => instants.map((instant) => `${instant}\n`).join('')

/** What the parser says about a schedule with these attributes: the CLI must say the same. */
function parserProblem(attributes: string) {
  const source = `<q:component name="C"><q:schedule name="s" ${attributes}><q:log>x</q:log></q:schedule></q:component>`
  const [problem] = check(source).diagnostics
  return `error ${problem?.code}: ${problem?.message}\n`
}

// Instants below are worked out by hand from the 2027 US rules: clocks go 02:00 EST -> 03:00 EDT on
// Sunday 2027-03-14 (07:00Z) and 02:00 EDT -> 01:00 EST on Sunday 2027-11-07 (06:00Z).
describe('quantum cron next across New York DST changes', () => {
  it('fires a fixed time that falls in the spring-forward gap at the jump', async () => {
    const result = await next(
      '30 2 * * *',
      '--tz',
      'America/New_York',
      '--from',
      '2027-03-12T12:00:00Z',
      '--count',
      '4',
    )
    expect(result).toEqual({
      code: 0,
      stdout: lines(
        '2027-03-13T02:30:00-05:00',
        '2027-03-14T03:00:00-04:00',
        '2027-03-15T02:30:00-04:00',
        '2027-03-16T02:30:00-04:00',
      ),
      stderr: '',
    })
  })

  it('skips the missing hour for an hourly expression', async () => {
    const result = await next(
      '0 * * * *',
      '--tz',
      'America/New_York',
      '--from',
      '2027-03-14T05:30:00Z',
      '--count',
      '4',
    )
    expect(result.stdout).toBe(
      lines(
        '2027-03-14T01:00:00-05:00',
        '2027-03-14T03:00:00-04:00',
        '2027-03-14T04:00:00-04:00',
        '2027-03-14T05:00:00-04:00',
      ),
    )
  })

  it('fires a fixed time in the repeated fall-back hour once, at its first pass', async () => {
    const result = await next(
      '30 1 * * *',
      '--tz',
      'America/New_York',
      '--from',
      '2027-11-06T12:00:00Z',
      '--count',
      '3',
    )
    expect(result.stdout).toBe(
      lines('2027-11-07T01:30:00-04:00', '2027-11-08T01:30:00-05:00', '2027-11-09T01:30:00-05:00'),
    )
  })

  it('keeps an interval-like expression firing through both passes of the repeated hour', async () => {
    const result = await next(
      '*/30 1 * * *',
      '--tz',
      'America/New_York',
      '--from',
      '2027-11-07T04:00:00Z',
      '--count',
      '5',
    )
    expect(result.stdout).toBe(
      lines(
        '2027-11-07T01:00:00-04:00',
        '2027-11-07T01:30:00-04:00',
        '2027-11-07T01:00:00-05:00',
        '2027-11-07T01:30:00-05:00',
        '2027-11-08T01:00:00-05:00',
      ),
    )
  })

  it('reads a --from without an offset as wall-clock time in --tz', async () => {
    const result = await next(
      '0 * * * *',
      '--tz',
      'America/New_York',
      '--from',
      '2027-03-14T00:00:00',
      '--count',
      '2',
    )
    expect(result.stdout).toBe(lines('2027-03-14T01:00:00-05:00', '2027-03-14T03:00:00-04:00'))
  })
})

describe('quantum cron next', () => {
  it('prints five instants in UTC by default, and takes seconds first in six fields', async () => {
    expect((await next('0 0 1 1 *', '--from', '2027-06-01T00:00:00Z')).stdout).toBe(
      lines(
        '2028-01-01T00:00:00+00:00',
        '2029-01-01T00:00:00+00:00',
        '2030-01-01T00:00:00+00:00',
        '2031-01-01T00:00:00+00:00',
        '2032-01-01T00:00:00+00:00',
      ),
    )
    expect((await next('*/15 * * * * *', '--from', '2027-01-01T00:00:00Z', '--count', '3')).stdout).toBe(
      lines('2027-01-01T00:00:15+00:00', '2027-01-01T00:00:30+00:00', '2027-01-01T00:00:45+00:00'),
    )
  })

  it('finds leap days and the southern hemisphere offset', async () => {
    expect((await next('0 0 29 2 *', '--from', '2027-01-01T00:00:00Z', '--count', '2')).stdout).toBe(
      lines('2028-02-29T00:00:00+00:00', '2032-02-29T00:00:00+00:00'),
    )
    const saoPaulo = await next(
      '0 9 * * 1',
      '--tz',
      'America/Sao_Paulo',
      '--from',
      '2027-01-01T00:00:00Z',
      '--count',
      '1',
    )
    expect(saoPaulo.stdout).toBe(lines('2027-01-04T09:00:00-03:00'))
  })

  it('counts from now when --from is left out', async () => {
    const before = Date.now()
    const result = await next('* * * * * *', '--count', '2')
    const [first] = result.stdout.split('\n')
    const at = Date.parse(first ?? '')
    expect(at).toBeGreaterThan(before)
    expect(at).toBeLessThanOrEqual(Date.now() + 1000)
  })

  it('refuses an expression no date matches, as the parser does: it would never fire', async () => {
    expect(await next('0 0 30 2 *', '--from', '2027-01-01T00:00:00Z')).toEqual({
      code: 1,
      stdout: '',
      stderr: parserProblem('cron="0 0 30 2 *"'),
    })
    expect(parserProblem('cron="0 0 30 2 *"')).toContain('no date matches it, so it would never fire')
  })

  it('reports an invalid expression, zone or --from as the parser does, and exits 1', async () => {
    expect(await next('0 25 * * *')).toEqual({
      code: 1,
      stdout: '',
      stderr: parserProblem('cron="0 25 * * *"'),
    })
    expect((await next('0 25 * * *')).stderr).toMatch(/^error PARSE_INVALID_CRON: /)
    expect(await next('0 * * * *', '--tz', 'Mars/Olympus')).toEqual({
      code: 1,
      stdout: '',
      stderr: parserProblem('interval="1m" timezone="Mars/Olympus"'),
    })
    expect(await next('0 * * * *', '--from', 'next tuesday')).toEqual({
      code: 1,
      stdout: '',
      stderr: parserProblem('at="next tuesday"'),
    })
    // Both wrong: the expression is what is reported.
    expect((await next('61 * * * *', '--tz', 'Nowhere')).stderr).toMatch(/^error PARSE_INVALID_CRON: /)
  })

  it('treats a bad --count as a usage error (exit 2)', async () => {
    for (const count of ['0', '-1', '2.5', 'many', '1001']) {
      const result = await next('0 * * * *', '--count', count)
      expect(result.code, count).toBe(2)
      expect(result.stderr).toContain('must be a whole number from 1 to 1000')
    }
    expect((await run(['cron', 'next'], { cwd })).code).toBe(2)
  })
})
