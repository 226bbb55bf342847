import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { run } from './run'

/** Upstream's own job examples, copied unchanged (see examples/upstream/README.md). */
const upstreamDir = fileURLToPath(new URL('../../../examples/upstream/', import.meta.url))

describe("upstream's job examples (issue 11)", () => {
  it('quantum check accepts all four, the mail template body of job-thread-example.q included', async () => {
    const files = readdirSync(upstreamDir)
      .filter((name) => name.endsWith('.q'))
      .sort()
    expect(files).toEqual([
      'job-queue-example.q',
      'job-schedule-example.q',
      'job-thread-example.q',
      'job_execution_demo.q',
    ])
    const paths = files.map((file) => join(upstreamDir, file))
    const result = await run(['check', ...paths], { cwd: upstreamDir })
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe(paths.map((path) => `ok ${path}\n`).join(''))
    expect(result.code).toBe(0)
  })
})
