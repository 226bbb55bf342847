import { openOutbox } from '@quantum/runtime/services'
import { describe, expect, it } from 'vitest'
import { exampleHome, NO_WORKER } from './exampleHome'
import type { RunResult } from './run'

/**
 * The job examples end to end, as a user drives them: `quantum run FILE` defines the job and queues
 * work (and answers at once), `quantum jobs list` shows it pending, a worker (`quantum worker start`,
 * in-process here, stopped like Ctrl-C) runs it, and `quantum jobs history` and the effects (rows,
 * mail in the outbox) are read back.
 */

const { home, quantum, runExample, rows, worker: startWorker } = exampleHome('quantum-cli-examples-jobs-')

interface HistoryRow {
  name: string
  queue: string
  status: string
  started_at: string
  completed_at: string
  attempt: number
  error: string | null
}

async function history(name: string): Promise<HistoryRow[]> {
  const result = await quantum('jobs', 'history', name, '--limit', '50', '--format', 'json')
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout)
}

async function queued(name: string): Promise<Record<string, unknown>[]> {
  const result = await quantum('jobs', 'list', '--format', 'json')
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout).filter((job: { name: string }) => job.name === name)
}

/** The messages in the outbox, oldest first. */
function mails() {
  const outbox = openOutbox(home())
  try {
    return outbox.list().reverse()
  } finally {
    outbox.close()
  }
}

/** A worker serving every queue until `name` has `count` successful attempts; then it is stopped. */
async function workUntil(name: string, count: number): Promise<RunResult> {
  const controller = new AbortController()
  const worker = startWorker(controller.signal)
  try {
    await expect
      .poll(async () => (await history(name)).filter((row) => row.status === 'success').length, {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(count)
  } finally {
    controller.abort(new Error('interrupted by SIGTERM'))
  }
  const result = await worker
  expect(result.code).toBe(0)
  return result
}

describe('newsletter.q', () => {
  it('queues one job per subscriber and answers at once; a worker mails them', async () => {
    expect(await runExample('newsletter.q')).toEqual({
      code: 0,
      stdout: '<p>Newsletter 2026-11 is being sent in the background to 3 subscribers.</p>\nResult: 3\n',
      stderr: NO_WORKER,
    })
    expect((await queued('newsletter')).map((job) => [job.queue, job.status])).toEqual([
      ['mail', 'pending'],
      ['mail', 'pending'],
      ['mail', 'pending'],
    ])
    expect(mails()).toEqual([])

    const worker = await workUntil('newsletter', 3)
    expect(worker.stdout.match(/ completed newsletter #\S+ on mail attempt 1\n/g)).toHaveLength(3)
    const sent = mails()
      .map((mail) => [mail.to, mail.subject, mail.body])
      .sort()
    const body = (name: string) =>
      `Hello ${name},\n\nThis month: cron in your time zone, retries with backoff, and threads that join.`
    expect(sent).toEqual([
      [['ada@example.com'], 'Quantum newsletter 2026-11', body('Ada')],
      [['grace@example.com'], 'Quantum newsletter 2026-11', body('Grace')],
      [['linus@example.com'], 'Quantum newsletter 2026-11', body('Linus')],
    ])
    expect(await rows('SELECT email FROM newsletter_sends ORDER BY email')).toEqual([
      { email: 'ada@example.com' },
      { email: 'grace@example.com' },
      { email: 'linus@example.com' },
    ])
    expect((await queued('newsletter')).map((job) => job.status)).toEqual([
      'completed',
      'completed',
      'completed',
    ])
  })
})

describe('order-retries.q', () => {
  it('retries the declined payment after its backoff and pays on the third attempt', async () => {
    const submitted = await runExample(
      'order-retries.q',
      '--action',
      'submitOrder',
      '--param',
      'customer=ada@example.com',
      '--param',
      'total=99.5',
    )
    expect(submitted).toEqual({
      code: 0,
      stdout: '<p>Order 1 received; the payment is being processed.</p>\nResult: 1\n',
      stderr: NO_WORKER,
    })
    expect((await queued('charge-order')).map((job) => [job.queue, job.status])).toEqual([
      ['orders', 'pending'],
    ])

    await workUntil('charge-order', 1)
    // Newest first: two declined attempts, then the one that paid.
    const attempts = (await history('charge-order')).reverse()
    expect(attempts.map((row) => [row.attempt, row.status, row.error])).toEqual([
      [1, 'error', 'payment for order 1 declined (attempt 1)'],
      [2, 'error', 'payment for order 1 declined (attempt 2)'],
      [3, 'success', null],
    ])
    // Exponential backoff from 1 s: never early (1 s, then 2 s after each failure).
    const gap = (i: number) =>
      Date.parse(attempts[i + 1]?.started_at ?? '') - Date.parse(attempts[i]?.completed_at ?? '')
    expect(gap(0)).toBeGreaterThanOrEqual(1_000 - 5)
    expect(gap(1)).toBeGreaterThanOrEqual(2_000 - 5)
    expect(await rows('SELECT outcome FROM payment_attempts ORDER BY id')).toEqual([
      { outcome: 'declined' },
      { outcome: 'declined' },
      { outcome: 'charged' },
    ])
    expect(await rows('SELECT status FROM retry_orders')).toEqual([{ status: 'paid' }])
    expect(mails()).toMatchObject([
      {
        from: 'shop@example.com',
        to: ['ada@example.com'],
        subject: 'Payment confirmed',
        body: 'Your payment of $99.50 for order #1 has been processed.',
      },
    ])
  })
})

describe('batch-dispatch.q', () => {
  it('queues one restock per low product in one batch; a worker orders them', async () => {
    expect(await runExample('batch-dispatch.q')).toEqual({
      code: 0,
      stdout: '<p>Queued 3 restocks on purchasing: 3 products are low.</p>\nResult: 3\n',
      stderr: NO_WORKER,
    })
    expect((await queued('restock')).map((job) => [job.queue, job.status])).toEqual([
      ['purchasing', 'pending'],
      ['purchasing', 'pending'],
      ['purchasing', 'pending'],
    ])
    await workUntil('restock', 3)
    expect(await rows('SELECT sku, quantity, supplier FROM purchase_orders ORDER BY sku')).toEqual([
      { sku: 'T-1', quantity: 18, supplier: 'ToolCo' },
      { sku: 'T-3', quantity: 10, supplier: 'ToolCo' },
      { sku: 'T-4', quantity: 5, supplier: 'ToolCo' },
    ])
  })
})

describe('delayed-reminder.q', () => {
  it('runs the reminder no sooner than its delay, and skips a cancelled appointment', async () => {
    const book = (who: string) =>
      runExample(
        'delayed-reminder.q',
        '--action',
        'book',
        '--param',
        `who=${who}`,
        '--param',
        'slot=2026-12-01T09:30',
      )
    const before = Date.now()
    expect(await book('ada@example.com')).toEqual({
      code: 0,
      stdout: '<p>Appointment #1 booked for 2026-12-01T09:30; a reminder goes out in 2s.</p>\nResult: 1\n',
      stderr: NO_WORKER,
    })
    expect((await book('grace@example.com')).code).toBe(0)
    const cancelled = await runExample('delayed-reminder.q', '--action', 'cancel', '--param', 'id=2')
    expect(cancelled.stdout).toBe('<p>Appointment #2 cancelled.</p>\nResult: 1\n')
    const pending = await queued('reminder')
    expect(pending.map((job) => [job.queue, job.status])).toEqual([
      ['reminders', 'pending'],
      ['reminders', 'pending'],
    ])
    for (const job of pending) expect(Date.parse(String(job.next_run))).toBeGreaterThanOrEqual(before + 2_000)

    const worker = await workUntil('reminder', 2)
    for (const row of await history('reminder')) {
      expect(Date.parse(row.started_at)).toBeGreaterThanOrEqual(before + 2_000)
    }
    expect(worker.stderr).toMatch(
      /\[job:reminder #\d+\] reminder for appointment 1 sent to ada@example\.com\n/,
    )
    expect(worker.stderr).toMatch(/\[job:reminder #\d+\] appointment 2 was cancelled: no reminder\n/)
    expect(mails()).toMatchObject([
      {
        from: 'calendar@example.com',
        to: ['ada@example.com'],
        subject: 'Reminder: your appointment',
        body: 'Your appointment is at 2026-12-01T09:30.',
      },
    ])
  })
})
