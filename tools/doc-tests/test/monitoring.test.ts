import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { blocksOf, repoRoot, stepsOf } from './markdown'
import { Sandbox } from './terminal'

/**
 * docs/monitoring.md shows a `/health` body and names the `/metrics` series; a live worker's endpoints
 * cannot be a shown command (a fixed port), so this test starts the demo with a free port and compares.
 */

const page = 'docs/monitoring.md'

/** The shape of a JSON value: its keys, nested, with the type of each leaf. */
function shape(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]))
}

/** What the page shows `curl …/health` answering. */
function shownHealth(): unknown {
  for (const block of blocksOf(page)) {
    if (block.lang !== 'console') continue
    const step = stepsOf(block).find((candidate) => candidate.command.includes('/health'))
    if (step) return JSON.parse(step.output.join('\n'))
  }
  throw new Error(`${page} shows no /health answer`)
}

let sandbox: Sandbox | undefined
afterEach(() => sandbox?.remove())

describe(page, () => {
  it('shows the /health body a worker answers, and names series /metrics serves', {
    timeout: 120_000,
  }, async () => {
    sandbox = new Sandbox()
    const seen: { health?: unknown; status?: number; metrics?: string } = {}
    const printed = await sandbox.run('quantum worker start --app apps/worker/app --metrics-port 0', {
      interruptAfter: [
        'Press Ctrl+C to stop the worker.',
        '2027-03-14 08:00:00 completed process-order #1 on …',
      ],
      async beforeInterrupt(text) {
        const port = /Metrics: http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(text)?.[1]
        const health = await fetch(`http://127.0.0.1:${port}/health`)
        seen.status = health.status
        seen.health = await health.json()
        seen.metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
      },
      timeoutMs: 90_000,
    })
    expect(printed.exit, printed.text).toBe(0)
    expect(seen.status).toBe(200)
    expect(shape(seen.health)).toEqual(shape(shownHealth()))
    const named = new Set(readFileSync(join(repoRoot, page), 'utf8').match(/quantum_[a-z_]+/g))
    const served = new Set(seen.metrics?.match(/^# TYPE (quantum_[a-z_]+)/gm)?.map((line) => line.slice(7)))
    expect([...named].filter((name) => !served.has(name))).toEqual([])
    expect([...served].filter((name) => !named.has(name))).toEqual([])
  })
})
