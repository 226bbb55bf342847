import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { run } from './run'

/**
 * The job examples. They need the job queue in the CLI (`quantum run` dispatching, a worker serving
 * queues); until it is there they are checked: each parses and validates with no problem.
 */

const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url))
const JOB_EXAMPLES = ['newsletter.q', 'order-retries.q', 'batch-dispatch.q', 'delayed-reminder.q']

describe('the job examples', () => {
  it.each(JOB_EXAMPLES)('%s passes quantum check', async (file) => {
    const path = join(examplesDir, file)
    expect(await run(['check', path], { cwd: examplesDir })).toEqual({
      code: 0,
      stdout: `ok ${path}\n`,
      stderr: '',
    })
  })
})
