import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from '../run'

/**
 * Issue 19, item 14: `jobs run|status|cancel` of an unknown name printed `Job not found` with no code, and
 * malformed `--params` `Invalid JSON parameters` with no code. Every problem the CLI prints is
 * `error CODE: …`, upstream's words kept after the code.
 */
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-codes-'))
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const quantum = (...args: string[]) => run(['--home', join(dir, 'home'), ...args], { cwd: dir })

describe('unknown names', () => {
  it.each([
    [['jobs', 'status', 'nope'], '', 'error SCHEDULE_NOT_FOUND: Job not found: nope'],
    [
      ['jobs', 'status', 'nope', '--format', 'json'],
      '',
      '{"error":{"code":"SCHEDULE_NOT_FOUND","message":"Job not found: nope"}}',
    ],
    [['jobs', 'run', 'nope'], 'Running job: nope...\n', 'error SCHEDULE_NOT_FOUND: Job not found: nope'],
    [
      ['jobs', 'cancel', 'nope'],
      '',
      'error QUEUE_JOB_NOT_FOUND: Failed to cancel job: nope (no pending job has that name or ID)',
    ],
    [
      ['jobs', 'pause', 'nope'],
      '',
      'error SCHEDULE_NOT_FOUND: Failed to pause job: nope (no schedule has that name)',
    ],
    [
      ['jobs', 'delete', 'nope'],
      '',
      'error SCHEDULE_NOT_FOUND: Failed to delete job: nope (no schedule has that name)',
    ],
  ])('%j prints a coded line and exits 1', async (args, stdout, line) => {
    expect(await quantum(...args)).toEqual({ code: 1, stdout, stderr: `${line}\n` })
  })
})

describe('--params', () => {
  it.each([
    ['run', '{"id": '],
    ['run', '[1]'],
    ['dispatch', 'null'],
  ])('jobs %s --params %s is a coded usage error before anything runs', async (action, params) => {
    const result = await quantum('jobs', action, 'nope', '--params', params)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(
      new RegExp(
        `^error CLI_USAGE: option '--params <json>' argument '${params.replace(/[[\]{}]/g, '\\$&')}' is invalid\\. Invalid JSON parameters: .+\\.\\n`,
      ),
    )
  })
})
