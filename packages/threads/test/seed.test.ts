import { readFileSync } from 'node:fs'
import { parse } from '@quantum/parser'
import { createRuntime } from '@quantum/runtime'
import { createLogger, openOutbox } from '@quantum/runtime/services'
import { afterEach, describe, expect, it } from 'vitest'
import { createThreadPool, createThreadService, type ThreadPool } from '../src/index'
import { tempHome } from './support/quantum'

/** The founding proposal's q:thread snippets, run as written with the data they expect given as params. */
const seed = (name: string) => {
  const url = new URL(`../../../examples/seed/${name}`, import.meta.url)
  return parse(readFileSync(url, 'utf8'), { file: name })
}

let pool: ThreadPool | undefined
let remove: (() => void) | undefined
afterEach(async () => {
  await pool?.close()
  remove?.()
})

/** A pool with real services in a fresh state folder; HTTP gives up after 2 s (the seed calls a made-up host). */
function host() {
  const temp = tempHome()
  remove = temp.remove
  pool = createThreadPool({ services: { home: temp.home, http: { timeoutMs: 2000 } } })
  const logger = createLogger({ write: () => {} })
  const threads = createThreadService(pool, { logger })
  return { home: temp.home, logger, threads, runtime: createRuntime({ threads, logger }) }
}

describe('the seed examples with q:thread', () => {
  it('seed-thread-tags.q: mails go out in the background, the transform is joined, the callback thread ends', async () => {
    const { home, logger, threads, runtime } = host()
    const result = await runtime.run(seed('seed-thread-tags.q'), {
      params: {
        users: [{ email: 'ada@example.com' }, { email: 'grace@example.com' }],
        newsletter: { html: '<h1>News</h1>' },
        largeDataset: [
          { active: true, price: 2, quantity: 3 },
          { active: false, price: 5, quantity: 1 },
          { active: true, price: 1.5, quantity: 4 },
        ],
      },
    })
    expect(result.output).toContain('<p>Emails sendo enviados em background...</p>')
    // The snippet's body keeps its q:data in a variable of its own and returns nothing (a thread's result
    // is its first q:return), so the result is null and the expression stays as written, as any
    // unresolved `{…}` does.
    expect(result.output).toContain('<p>Total processado: {thread.data-processor.result.length}</p>')
    expect(result.threads['data-processor']).toMatchObject({ status: 'COMPLETED', result: null })
    await threads.idle()
    expect(result.threads['email-sender']).toMatchObject({ status: 'COMPLETED' })
    // No handleComplete/handleError functions exist in the snippet: whichever way the call to the
    // made-up host ends, its callback fails, is logged, and nothing else breaks.
    expect(['COMPLETED', 'FAILED']).toContain(result.threads['long-task']?.status)
    expect(logger.entries().map((entry) => entry.message)).toContainEqual(
      expect.stringMatching(
        /^Thread 'long-task' on_(complete|error) callback failed: Function 'handle(Complete|Error)' is not defined$/,
      ),
    )
    const outbox = openOutbox(home)
    try {
      expect(outbox.list().map((mail) => [mail.to, mail.subject, mail.body])).toEqual([
        [['grace@example.com'], 'Newsletter', '<h1>News</h1>'],
        [['ada@example.com'], 'Newsletter', '<h1>News</h1>'],
      ])
    } finally {
      outbox.close()
    }
  })

  it('seed-bulk-email.q: the newsletter goes to every subscriber from a thread', async () => {
    const { home, threads, runtime } = host()
    const subscribers = ['a@example.com', 'b@example.com', 'c@example.com'].map((email) => ({ email }))
    const result = await runtime.run(seed('seed-bulk-email.q'), {
      params: { subscribers, newsletter: { html: '<p>Hi</p>' } },
    })
    expect(result.output).toContain('<p>Newsletter sendo enviada para 3 assinantes...</p>')
    await threads.idle()
    expect(result.threads['bulk-email']).toMatchObject({ status: 'COMPLETED' })
    const outbox = openOutbox(home)
    try {
      expect(
        outbox
          .list()
          .map((mail) => mail.to[0])
          .sort(),
      ).toEqual(subscribers.map(({ email }) => email))
    } finally {
      outbox.close()
    }
  })
})
