import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { type Host, messages, openHost, tempHome } from './support/quantum'

let host: Host | undefined
let removeHome: (() => void) | undefined
afterEach(async () => {
  await host?.pool.close()
  host = undefined
  removeHome?.()
  removeHome = undefined
})

/** A host whose workers have the default SQLite datasource `db` in a fresh state folder. */
function withHome(options: Parameters<typeof openHost>[0] = {}, serviceOptions = {}) {
  const { home, remove } = tempHome()
  removeHome = remove
  host = openHost({ ...options, services: { ...options.services, home } }, serviceOptions)
  return { home, host }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Wait until `condition` holds, checking every 20 ms, for at most 10 s. */
async function until(condition: () => boolean) {
  for (const deadline = Date.now() + 10_000; !condition(); await sleep(20)) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition')
  }
}

describe('q:thread on the warm pool', () => {
  it('four threads that each sleep 400 ms join in well under 1,600 ms with the default settings', async () => {
    host = openHost()
    const started = performance.now()
    const result = await host.run(
      `<q:thread name="t1"><q:sleep duration="400ms"/><q:return value="{1}"/></q:thread>
       <q:thread name="t2"><q:sleep duration="400ms"/><q:return value="{2}"/></q:thread>
       <q:thread name="t3"><q:sleep duration="400ms"/><q:return value="{3}"/></q:thread>
       <q:thread name="t4"><q:sleep duration="400ms"/><q:return value="{4}"/></q:thread>
       <q:thread name="t1,t2,t3,t4" action="join"/>
       <q:return value="{[thread.t1.result, thread.t2.result, thread.t3.result, thread.t4.result]}"/>`,
    )
    const elapsed = performance.now() - started
    expect(result.result).toEqual([1, 2, 3, 4])
    expect(elapsed).toBeGreaterThanOrEqual(400)
    expect(elapsed).toBeLessThan(1300)
  })

  it('two CPU-bound bodies run truly in parallel on two workers, and in turn on one', async () => {
    // Each body computes for half a second or more and never hands its event loop a turn mid-body
    // (yieldEveryMs is huge), so on one worker the second starts only once the first has ended; on two,
    // both start before either ends. Ordering, not speed: the load others put on the machine can neither
    // pass nor fail it.
    const heavy = `<q:set name="n" value="{0}"/><q:loop type="range" var="i" from="1" to="1500000"><q:set name="n" operation="increment"/></q:loop>`
    const body = (name: string) =>
      `<q:thread name="${name}"><q:log>start</q:log>${heavy}<q:log>end {n}</q:log></q:thread>`
    const overlapping: boolean[] = []
    for (const workers of [2, 1]) {
      const { host } = withHome({ workers, services: { limits: { yieldEveryMs: 600_000 } } })
      // Open the datasource on every worker: two bodies at once land on two workers.
      const open = '<q:query name="one" datasource="db">SELECT 1</q:query><q:sleep duration="100ms"/>'
      await host.run(
        `<q:thread name="w1">${open}</q:thread><q:thread name="w2">${open}</q:thread><q:thread name="w1,w2" action="join"/>`,
      )
      await host.run(`${body('a')}${body('b')}<q:thread name="a,b" action="join"/>`)
      const at = new Map(host.logger.entries().map((entry) => [entry.message, entry.time.getTime()]))
      const time = (message: string) => at.get(message) ?? Number.NaN
      expect(time('[thread:a] end 1500000') - time('[thread:a] start')).toBeGreaterThan(100)
      const lastStart = Math.max(time('[thread:a] start'), time('[thread:b] start'))
      const firstEnd = Math.min(time('[thread:a] end 1500000'), time('[thread:b] end 1500000'))
      overlapping.push(lastStart < firstEnd)
      await host.pool.close()
      removeHome?.()
    }
    expect(overlapping).toEqual([true, false])
  })

  it('with threads.max=1, high-priority threads queued after normal ones start first', async () => {
    host = openHost({ max: 1 })
    const result = await host.run(
      `<q:thread name="first"><q:sleep duration="150ms"/><q:log>first</q:log></q:thread>
       <q:thread name="n1"><q:log>n1</q:log></q:thread>
       <q:thread name="low" priority="low"><q:log>low</q:log></q:thread>
       <q:thread name="n2" priority="normal"><q:log>n2</q:log></q:thread>
       <q:thread name="h1" priority="high"><q:log>h1</q:log></q:thread>
       <q:thread name="h2" priority="high"><q:log>h2</q:log></q:thread>
       <q:set name="waiting" value="{[thread.first.status, thread.n1.status, thread.h1.status]}"/>
       <q:thread name="first,n1,low,n2,h1,h2" action="join"/>
       <q:return value="{waiting}"/>`,
    )
    expect(result.result).toEqual(['RUNNING', 'NOT_STARTED', 'NOT_STARTED'])
    expect(messages(host.logger)).toEqual(
      ['first', 'h1', 'h2', 'n1', 'n2', 'low'].map((name) => `[thread:${name}] ${name}`),
    )
  })

  it('a body reads its snapshot and cannot change the parent’s variables; its thread.x writes come back', async () => {
    host = openHost()
    const result = await host.run(
      `<q:set name="order" value="{{ id: 7, items: ['a', 'b'] }}"/>
       <q:set name="counter" value="{10}" scope="component"/>
       <q:thread name="data-processor">
         <q:set name="order.id" value="{99}"/>
         <q:set name="counter" value="{counter + 1}"/>
         <q:set name="local" value="mine"/>
         <q:set name="thread.items" value="{order.items.length}"/>
         <q:return value="{[order.id, counter]}"/>
       </q:thread>
       <q:thread name="data-processor" action="join"/>
       <q:return value="{[order.id, counter, thread.data-processor.result, thread.data-processor.items, thread.data-processor.status]}"/>`,
    )
    expect(result.result).toEqual([7, 10, [99, 11], 2, 'COMPLETED'])
    expect(result.variables).not.toHaveProperty('local')
  })

  it('callbacks run in the parent and change component state; one that throws is logged and harms nothing', async () => {
    host = openHost()
    const result = await host.run(
      `<q:set name="processingStatus" value="pending" scope="component"/>
       <q:function name="handleComplete"><q:param name="result"/>
         <q:set name="processingStatus" value="done: {result}" scope="component"/></q:function>
       <q:function name="handleError"><q:param name="error" type="string"/>
         <q:set name="processingStatus" value="{processingStatus}; failed: {error}" scope="component"/></q:function>
       <q:function name="broken"><q:throw message="callback bug"/></q:function>
       <q:thread name="worker" on-complete="handleComplete"><q:return value="{21 * 2}"/></q:thread>
       <q:thread name="worker" action="join"/>
       <q:thread name="failing" onError="handleError"><q:throw message="no stock"/></q:thread>
       <q:thread name="failing" action="join"/>
       <q:thread name="buggy" on-complete="broken"><q:return value="{1}"/></q:thread>
       <q:thread name="buggy" action="join"/>
       <q:thread name="after" on-complete="handleComplete"><q:return value="{'still fine'}"/></q:thread>
       <q:thread name="after" action="join"/>
       <q:return value="{[processingStatus, thread.failing.status, thread.failing.error.message, thread.buggy.status]}"/>`,
    )
    expect(result.result).toEqual(['done: still fine', 'FAILED', 'no stock', 'COMPLETED'])
    expect(messages(host.logger)).toEqual([
      "Thread 'failing' failed: no stock",
      "Thread 'buggy' on_complete callback failed: callback bug",
    ])
  })

  it('runs a query on the default SQLite datasource inside the worker', async () => {
    const { home, host } = withHome()
    const result = await host.run(
      `<q:thread name="writer">
         <q:query name="ddl" datasource="db">CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)</q:query>
         <q:query name="ins" datasource="db">INSERT INTO orders (total) VALUES (:total)<q:param name="total" value="{12.5}" type="decimal"/></q:query>
         <q:query name="rows" datasource="db">SELECT id, total FROM orders</q:query>
         <q:return value="{[ins.insertId, rows.recordCount, rows[0].total]}"/>
       </q:thread>
       <q:thread name="writer" action="join"/>
       <q:return value="{thread.writer.result}"/>`,
    )
    expect(result.result).toEqual([1, 1, 12.5])
    const db = new Database(`${home}/app.db`, { readonly: true })
    try {
      expect(db.prepare('SELECT total FROM orders').all()).toEqual([{ total: 12.5 }])
    } finally {
      db.close()
    }
  })

  it('a body in the worker reads files by the host’s file rules: inside the app folder yes, elsewhere never', async () => {
    const app = tempHome()
    const { home } = tempHome()
    writeFileSync(join(app.home, 'report.csv'), 'day,orders\nmon,3\n')
    try {
      const { host } = withHome({
        services: { home, files: { roots: [app.home], denied: [home] } },
      })
      const result = await host.run(
        `<q:thread name="inside"><q:mail to="a@example.com" subject="r">see attached<q:attachment file="${join(app.home, 'report.csv')}"/></q:mail><q:return value="{_mail_result.success}"/></q:thread>
         <q:thread name="outside"><q:mail to="a@example.com" subject="r">x<q:attachment file="/etc/passwd"/></q:mail></q:thread>
         <q:thread name="inside,outside" action="join"/>
         <q:return value="{[thread.inside.result, thread.outside.status, thread.outside.error.code]}"/>`,
      )
      expect(result.result).toEqual([true, 'FAILED', 'RUNTIME_FILE_ACCESS'])
    } finally {
      app.remove()
      rmSync(home, { recursive: true, force: true })
    }
  })

  it('terminate and timeout stop side effects: a body inserting a row every 20 ms stops inserting', async () => {
    const { home, host } = withHome()
    const inserter = (name: string, attributes = '') =>
      `<q:thread name="${name}" ${attributes}>
         <q:loop type="range" var="i" from="1" to="1000">
           <q:query name="ins" datasource="db">INSERT INTO ticks (thread) VALUES (:name)<q:param name="name" value="${name}"/></q:query>
           <q:sleep duration="20ms"/>
         </q:loop>
       </q:thread>`
    const db = new Database(`${home}/app.db`)
    db.pragma('journal_mode = WAL')
    db.exec('CREATE TABLE ticks (id INTEGER PRIMARY KEY, thread TEXT)')
    const count = (name: string) =>
      (db.prepare('SELECT count(*) AS n FROM ticks WHERE thread = ?').get(name) as { n: number }).n
    try {
      await host.run(
        `<q:function name="onTimeout"><q:param name="error"/><q:log>on-error: {error}</q:log></q:function>
         ${inserter('stopped')}
         ${inserter('limited', 'timeout="1s" on-error="onTimeout"')}`,
      )
      // Each insert waits for the disk, which others share: wait until both bodies are seen inserting.
      await until(() => count('stopped') >= 2 && count('limited') >= 1)
      const result = await host.run(
        `<q:thread name="stopped" action="terminate"/>
         <q:thread name="limited" action="join"/>
         <q:return value="{[thread.stopped.status, thread.stopped.error.message, _thread_terminate.success, thread.limited.status, thread.limited.error.code]}"/>`,
      )
      expect(result.result).toEqual([
        'TERMINATED',
        "Thread 'stopped' was terminated",
        true,
        'TERMINATED',
        'THREAD_TIMEOUT',
      ])
      expect(messages(host.logger)).toContain("on-error: Thread 'limited' timed out after 1s")
      const counts = [count('stopped'), count('limited')]
      await sleep(300)
      expect([count('stopped'), count('limited')]).toEqual(counts)
    } finally {
      db.close()
    }
  })

  it('a name still running cannot start again; a finished one can, and join reports failures', async () => {
    host = openHost()
    const error = await host
      .run(
        `<q:thread name="job"><q:sleep duration="200ms"/></q:thread>
<q:thread name="job"><q:log>again</q:log></q:thread>`,
      )
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({
      code: 'THREAD_ALREADY_RUNNING',
      message: "Thread 'job' is already running",
      location: 'test.q:2:1',
    })
    await host.threads.idle()
    const again = await host.run(
      `<q:thread name="job"><q:return value="{'second'}"/></q:thread>
       <q:thread name="job" action="join"/>
       <q:return value="{thread_job.result}"/>`,
    )
    expect(again.result).toBe('second')
  })

  it('a timeout longer than Node’s timers hold (30 days) lets the body finish instead of ending it at once', async () => {
    host = openHost()
    const result = await host.run(
      `<q:thread name="patient" timeout="30d"><q:sleep duration="100ms"/><q:return value="{7}"/></q:thread>
       <q:thread name="patient" action="join" timeout="30d"/>
       <q:return value="{[thread.patient.status, thread.patient.result]}"/>`,
    )
    expect(result.result).toEqual(['COMPLETED', 7])
  })

  it('join past its timeout fails with THREAD_JOIN_TIMEOUT naming those still running; they go on', async () => {
    host = openHost()
    await host.pool.warm()
    const error = await host
      .run(
        `<q:thread name="quick"><q:return value="{1}"/></q:thread>
         <q:thread name="slow-one"><q:sleep duration="400ms"/><q:return value="{2}"/></q:thread>
<q:thread name="quick, slow-one" action="join" timeout="100ms"/>`,
      )
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({
      code: 'THREAD_JOIN_TIMEOUT',
      message: "Join timed out after 100ms; still running: 'slow-one'",
      location: 'test.q:3:1',
    })
    expect(await host.threads.join('slow-one')).toMatchObject({ status: 'COMPLETED', result: 2 })
  })

  it('a body’s logs reach the host logger in order, tagged with the thread name', async () => {
    host = openHost()
    await host.run(
      `<q:thread name="counter">
         <q:loop type="range" var="i" from="1" to="50"><q:log level="debug">line {i}</q:log></q:loop>
       </q:thread>
       <q:thread name="counter" action="join"/>`,
    )
    const lines = host.logger.entries()
    expect(lines.map((entry) => entry.message)).toEqual(
      Array.from({ length: 50 }, (_, i) => `[thread:counter] line ${i + 1}`),
    )
    expect(lines.every((entry) => entry.level === 'debug')).toBe(true)
  })

  it('finished threads stay inspectable for a bounded count and time, then are dropped', async () => {
    host = openHost({}, { keepFinished: 2, keepFinishedMs: 400 })
    await host.run(
      `<q:thread name="a"><q:return value="{1}"/></q:thread><q:thread name="a" action="join"/>
       <q:thread name="b"><q:return value="{2}"/></q:thread><q:thread name="b" action="join"/>
       <q:thread name="c"><q:return value="{3}"/></q:thread><q:thread name="c" action="join"/>`,
    )
    expect(host.threads.list().map((info) => info.name)).toEqual(['b', 'c'])
    expect(host.threads.get('a')).toBeUndefined()
    await sleep(450)
    expect(host.threads.list()).toEqual([])
    await expect(host.threads.join('c')).rejects.toMatchObject({ code: 'THREAD_NOT_FOUND' })
  })
})
