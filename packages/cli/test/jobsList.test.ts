import type { QueueAdapter } from '@quantum/queue'
import { openEmbeddedQueue } from '@quantum/queue/embedded'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from './run'
import { seedSchedules, settleJobs, type TempHome, tempHome } from './seed'

// `quantum jobs list` over many queue jobs: newest first, a page at a time, every status filterable.

let state: TempHome
let queue: QueueAdapter
const jobs = (...args: string[]) => run(['--home', state.home, 'jobs', ...args], { cwd: state.home })

beforeEach(async () => {
  state = await tempHome()
  queue = await openEmbeddedQueue({ home: state.home })
})

afterEach(async () => {
  await queue.close()
  await state.cleanup()
})

/** Enqueues `count` jobs named `job-1`… in that order; their ids. */
async function enqueue(count: number): Promise<string[]> {
  const receipts = await queue.enqueueMany(
    Array.from({ length: count }, (_, index) => ({ name: `job-${index + 1}`, queue: 'work' })),
  )
  return receipts.map((receipt) => String(receipt.id))
}

/** The table's rows: the lines between the rule and the end (or the more line). */
const tableRows = (stdout: string) =>
  stdout
    .split('\n')
    .slice(4)
    .filter((line) => line !== '' && !line.startsWith('…'))

describe('quantum jobs list', () => {
  it('shows queue jobs newest first, 50 at a time unless --limit says, with their IDs and how many more', async () => {
    const ids = await enqueue(60)
    const first = await jobs('list')
    expect(first.code).toBe(0)
    const lines = first.stdout.split('\n')
    expect(lines.slice(0, 3)).toEqual([
      'State: . (--home)',
      '',
      'ID       Name                      Queue           Status     Next Run             Last Run',
    ])
    const rows = tableRows(first.stdout)
    expect(rows).toHaveLength(50)
    expect(rows[0]).toMatch(new RegExp(`^${ids[59]} +job-60 +work +pending `))
    expect(rows[49]).toMatch(new RegExp(`^${ids[10]} +job-11 `))
    expect(first.stdout.endsWith('\n… 10 more (use --offset 50)\n')).toBe(true)

    const next = await jobs('list', '--limit', '3', '--offset', '50')
    expect(tableRows(next.stdout).map((row) => row.split(/ +/)[1])).toEqual(['job-10', 'job-9', 'job-8'])
    expect(next.stdout.endsWith('\n… 7 more (use --offset 53)\n')).toBe(true)

    const last = await jobs('list', '--offset', '55')
    expect(tableRows(last.stdout)).toHaveLength(5)
    expect(last.stdout).not.toContain('more (use --offset')

    expect((await jobs('list', '--offset', '60')).stdout).toBe(
      'State: . (--home)\n\nNo jobs at --offset 60 (60 in all).\n',
    )
  })

  it('pages the JSON array the same way, saying how many more on stderr', async () => {
    const ids = await enqueue(5)
    const page = await jobs('list', '--format', 'json', '--limit', '2')
    expect(JSON.parse(page.stdout).map((row: { id: string }) => row.id)).toEqual([ids[4], ids[3]])
    expect(page.stderr).toBe('… 3 more (use --offset 2)\n')
    const rest = await jobs('list', '--format', 'json', '--offset', '2')
    expect(JSON.parse(rest.stdout).map((row: { id: string }) => row.id)).toEqual([ids[2], ids[1], ids[0]])
    expect(rest.stderr).toBe('')
  })

  it('lists the schedules (by name, without an ID) before the jobs, in the same pages', async () => {
    await seedSchedules(state.store)
    await enqueue(3)
    const page = await jobs('list', '--limit', '3')
    expect(tableRows(page.stdout).map((row) => row.split(/ +/).slice(0, 2))).toEqual([
      ['-', 'hourly-cleanup'],
      ['-', 'nightly-report'],
      [expect.any(String), 'job-3'],
    ])
    expect(page.stdout.endsWith('\n… 2 more (use --offset 3)\n')).toBe(true)
    const rest = await jobs('list', '--offset', '3')
    expect(tableRows(rest.stdout).map((row) => row.split(/ +/)[1])).toEqual(['job-2', 'job-1'])
  })

  it('filters by every status a row shows', async () => {
    await seedSchedules(state.store)
    await queue.enqueueMany([
      { name: 'ok', attempts: 1 },
      { name: 'bad', attempts: 1 },
    ])
    await settleJobs(
      queue,
      async (job) => {
        if (job.name === 'bad') throw new Error('no')
        return 'done'
      },
      2,
    )
    await queue.enqueue({ name: 'waits', delayMs: 3_600_000 })
    const dropped = await queue.enqueue({ name: 'dropped', delayMs: 3_600_000 })
    expect(await queue.cancel(String(dropped.id))).toBe(true)

    const all = JSON.parse((await jobs('list', '--format', 'json')).stdout) as {
      name: string
      status: string
    }[]
    const statuses = [...new Set(all.map((row) => row.status))].sort()
    expect(statuses).toEqual(['active', 'cancelled', 'completed', 'failed', 'paused', 'pending'])
    for (const status of [...statuses, 'running']) {
      const only = await jobs('list', '--status', status, '--format', 'json')
      expect(only.code, only.stderr).toBe(0)
      expect(JSON.parse(only.stdout)).toEqual(all.filter((row) => row.status === status))
    }
  })
})
