import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot } from './markdown'
import { Sandbox } from './terminal'

/**
 * The runnable examples and the demo app share one state folder when a user runs them from one place
 * (the state folder is found, not chosen per example): each one's tables, schedules and jobs must be
 * its own, and each must run after all the others.
 */

/** The `.q` files that run against a shared state folder: the examples and the demo app. */
const programs = [
  ...readdirSync(join(repoRoot, 'examples'))
    .filter((name) => name.endsWith('.q'))
    .map((name) => `examples/${name}`),
  ...readdirSync(join(repoRoot, 'apps/worker/app'))
    .filter((name) => name.endsWith('.q'))
    .map((name) => `apps/worker/app/${name}`),
]

/** The names one program gives to tables, schedules and job definitions. */
function namesOf(program: string): string[] {
  const source = readFileSync(join(repoRoot, program), 'utf8').replace(/<!--[\s\S]*?-->/g, '')
  const tables = [...source.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/gi)].map((m) => `table ${m[1]}`)
  const schedules = [...source.matchAll(/<q:schedule name="([^"]+)"/g)].map((m) => `schedule ${m[1]}`)
  const jobs = [...source.matchAll(/<q:job name="([^"]+)"(?![^>]*action="(?:dispatch|batch)")/g)].map(
    (m) => `job ${m[1]}`,
  )
  return [...new Set([...tables, ...schedules, ...jobs])]
}

/** The examples in the order examples/README.md first names them, then any it does not name. */
function inReadmeOrder(): string[] {
  const readme = readFileSync(join(repoRoot, 'examples/README.md'), 'utf8')
  const named = [...readme.matchAll(/examples\/([\w-]+\.q)\b/g)].map((m) => `examples/${m[1]}`)
  const examples = programs.filter((program) => program.startsWith('examples/'))
  return [...new Set([...named, ...examples])].filter((program) => examples.includes(program))
}

describe('the examples and the demo app', () => {
  it('name their tables, schedules and jobs each their own', () => {
    const owners = new Map<string, string[]>()
    for (const program of programs) {
      for (const name of namesOf(program)) owners.set(name, [...(owners.get(name) ?? []), program])
    }
    expect(owners.size).toBeGreaterThan(20)
    const shared = [...owners]
      .filter(([, by]) => by.length > 1)
      .map(([name, by]) => `${name}: ${by.join(', ')}`)
    expect(shared).toEqual([])
  })

  const sandbox = new Sandbox()
  afterAll(() => sandbox.remove())

  it('run one after another in one state folder, after the demo app', { timeout: 300_000 }, async () => {
    const demo = await sandbox.run('quantum run apps/worker/app/shop.q')
    expect(demo.text).toContain('[INFO] order totals by customer: 112.5, 62.5, 87.5')
    // http-invoke.q needs an API on loopback: packages/cli/test/examples.test.ts serves it one.
    const runs = inReadmeOrder().filter((program) => program !== 'examples/http-invoke.q')
    expect(runs.slice(0, 3)).toEqual([
      'examples/hello.q',
      'examples/orders-report.q',
      'examples/error-handling.q',
    ])
    for (const program of runs) {
      const action =
        program === 'examples/order-retries.q'
          ? ' --action submitOrder --param customer=ada@example.com --param total=99.5'
          : ''
      const printed = await sandbox.run(`quantum run ${program}${action}`)
      expect(`${program} exit ${printed.exit}\n${printed.text}`).toMatch(new RegExp(`^${program} exit 0\\n`))
    }
    // What the schedule examples registered fires, on its own tables.
    const report = await sandbox.run('quantum jobs run sales-report --sync')
    expect(report.text).toMatch(/\[schedule:sales-report\] daily report mailed: 4 orders\n/)
    expect(report.text).toMatch(/Job completed successfully\.\nResult: 4\n$/)
    const cleanup = await sandbox.run('quantum jobs run expire-sessions --sync')
    expect(cleanup.text).toMatch(/Result: 2\n$/)
    // The demo's own schedule is still the demo's.
    const demoReport = await sandbox.run('quantum jobs status daily-report --format json')
    expect(JSON.parse(demoReport.text)).toMatchObject({ name: 'daily-report', cron: '0 7 * * *' })
  })
})
