import { describe, expect, it } from 'vitest'
import { plural } from '../src/format/plural'
import { EventLines, oneLine, stamp } from '../src/hosting/eventLines'
import { HostConsole, progressText, showProgress } from '../src/hosting/hostConsole'

const DUE = '2027-03-14T08:00:00.000Z'

describe('EventLines', () => {
  it('prints a fire as one line when it ends, with the lateness of its start', () => {
    const lines = new EventLines()
    expect(lines.line({ type: 'armed', name: 'tick', dueAt: DUE })).toBeUndefined()
    expect(lines.line({ type: 'fired', name: 'tick', dueAt: DUE, attempt: 1, lateMs: 2.6 })).toBeUndefined()
    expect(lines.line({ type: 'finished', name: 'tick', dueAt: DUE, attempt: 1, status: 'success' })).toBe(
      `success tick due ${DUE} (started 3 ms late)`,
    )
  })

  it('names the attempt and keeps an error on its line', () => {
    const lines = new EventLines()
    lines.line({ type: 'fired', name: 'boom', dueAt: DUE, attempt: 2, lateMs: 40 })
    expect(
      lines.line({
        type: 'finished',
        name: 'boom',
        dueAt: DUE,
        attempt: 2,
        status: 'error',
        error: 'division by zero\nat line 3',
      }),
    ).toBe(`error boom due ${DUE} attempt 2 (started 40 ms late): division by zero at line 3`)
    // A fire stopped before its body started has no lateness.
    expect(lines.line({ type: 'finished', name: 'slow', dueAt: DUE, attempt: 1, status: 'terminated' })).toBe(
      `terminated slow due ${DUE}`,
    )
  })

  it('prints skips, misses and control actions', () => {
    const lines = new EventLines()
    expect(lines.line({ type: 'skipped', name: 'a', dueAt: DUE, reason: 'still running' })).toBe(
      `skipped a due ${DUE}: still running`,
    )
    expect(lines.line({ type: 'missed', name: 'a', dueAt: DUE, count: 1, last: DUE })).toBe(
      `missed a due ${DUE}`,
    )
    expect(
      lines.line({ type: 'missed', name: 'a', dueAt: DUE, count: 3, last: '2027-03-14T10:00:00.000Z' }),
    ).toBe(`missed a due ${DUE} (3 runs, the last due 2027-03-14T10:00:00.000Z)`)
    expect(lines.line({ type: 'paused', name: 'a' })).toBe('paused a')
    expect(lines.line({ type: 'registered', name: 'a' })).toBe('registered a')
    expect(lines.line({ type: 'problem', message: 'x' })).toBeUndefined()
  })

  it('stamps lines in UTC and keeps messages on one line', () => {
    expect(stamp(new Date(DUE))).toBe('2027-03-14 08:00:00')
    expect(oneLine('a\r\n  b\nc')).toBe('a b c')
  })
})

function capture(isTTY: boolean) {
  let text = ''
  return {
    stream: {
      write: (chunk: string) => {
        text += chunk
      },
      isTTY,
    },
    text: () => text,
  }
}

describe('HostConsole', () => {
  it('keeps the live status line under the lines on a terminal', () => {
    const out = capture(true)
    const err = capture(false)
    const console = new HostConsole(out.stream, err.stream, true)
    console.status('1 schedule, 0 running')
    console.out('success tick')
    console.err('warning X')
    console.clearStatus()
    expect(out.text()).toBe(
      '\r\u001b[2K1 schedule, 0 running' +
        '\r\u001b[2Ksuccess tick\n1 schedule, 0 running' +
        '\r\u001b[2K1 schedule, 0 running' +
        '\r\u001b[2K',
    )
    expect(err.text()).toBe('warning X\n')
  })

  it('prints plain lines and no status line elsewhere', () => {
    const out = capture(false)
    const console = new HostConsole(out.stream, out.stream, false)
    console.status('ignored')
    console.out('a')
    console.clearStatus()
    expect(out.text()).toBe('a\n')
  })

  it('reports fires, job attempts by how they ended, and the attempts per second', () => {
    const stats = {
      schedules: 2,
      running: 1,
      fires: { ran: 30, failed: 2, skipped: 1 },
      jobs: { completed: 200, retried: 30, failed: 10, refused: 0 },
    }
    expect(progressText(stats, 120_000)).toBe(
      'fires 30 (2 failed, 1 skipped), jobs 200 completed, 30 retried, 10 failed, 2.0 jobs/s',
    )
    expect(progressText({ ...stats, jobs: { ...stats.jobs, refused: 3 } }, 1_000)).toBe(
      'fires 30 (2 failed, 1 skipped), jobs 200 completed, 30 retried, 10 failed, 3 lost lease, 243.0 jobs/s',
    )
  })
})

describe('plurals', () => {
  it('counts one thing in the singular and others in the plural', () => {
    expect([0, 1, 2].map((count) => plural(count, 'schedule'))).toEqual([
      '0 schedules',
      '1 schedule',
      '2 schedules',
    ])
    expect(plural(1, 'child', 'children')).toBe('1 child')
  })

  it('says 1 schedule on the live status line', () => {
    let text = ''
    const stream = { write: (chunk: string) => (text += chunk), isTTY: true }
    const console = new HostConsole(stream, stream, true)
    const stats = {
      schedules: 1,
      running: 0,
      fires: { ran: 0, failed: 0, skipped: 0 },
      jobs: { completed: 0, retried: 0, failed: 0, refused: 0 },
    }
    const hide = showProgress(console, () => stats)
    hide()
    expect(text).toContain('1 schedule, 0 running, ')
    expect(text).not.toContain('1 schedules')
  })
})
