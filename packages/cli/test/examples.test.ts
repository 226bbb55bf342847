import { once } from 'node:events'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openOutbox } from '@quantum/runtime/services'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunResult, run } from './run'

/**
 * Runs every runnable example in /examples (not examples/seed/) through `quantum run`, each with its own
 * state folder, and checks what it prints. An example without an entry in EXAMPLES, or in
 * TESTED_ELSEWHERE with a test file that runs it, fails the suite.
 */

const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url))
const exampleFiles = readdirSync(examplesDir)
  .filter((name) => name.endsWith('.q'))
  .sort()

/** A log line as the CLI writes it to stderr. */
const LOG_LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[([A-Z]+)\] (.*)$/

/** What one example is run with and must print. */
interface ExampleRun {
  /** A label for the test name. */
  title: string
  params?: Record<string, string>
  /** The whole of stdout, one entry per line (the last line is followed by a newline). */
  stdout: string[]
  /** The log lines on stderr, in order, as `LEVEL message` (strings or matchers). */
  logs?: unknown[]
  /** The log lines come from concurrent threads: compare them sorted. */
  logsInAnyOrder?: boolean
  /** The threads of `--format json`, by name: each one's final state must contain these fields. */
  threads?: Record<string, Record<string, unknown>>
  /** Further checks, with the run's state folder. */
  after?: (home: string) => void
}

/**
 * Examples that a plain `quantum run` does not cover, with the test file that runs them end to end
 * (schedules registered, then fired with `quantum jobs run --sync`; jobs queued, then run).
 */
const TESTED_ELSEWHERE: Record<string, string> = {
  'session-cleanup.q': 'examples-schedules.test.ts',
  'daily-report.q': 'examples-schedules.test.ts',
  'pause-resume.q': 'examples-schedules.test.ts',
  'newsletter.q': 'examples-jobs.test.ts',
  'order-retries.q': 'examples-jobs.test.ts',
  'batch-dispatch.q': 'examples-jobs.test.ts',
  'delayed-reminder.q': 'examples-jobs.test.ts',
}

/** A shop API on loopback for http-invoke.q; records what it was asked. */
const requests: { method: string; url: string; contentType?: string; requestId?: string; body: string }[] = []
let shop: Server
let baseUrl: string

const EXAMPLES: Record<string, ExampleRun[]> = {
  'hello.q': [
    {
      title: 'defaults',
      stdout: [
        '<h1 class="greeting lang-en">Hello, World!</h1>',
        '<p>WORLD has 5 letters.</p>',
        '<ul><li>1. Databinding</li><li>2. Functions</li><li>3. Loops</li></ul>',
        'Result: Hello, World!',
      ],
    },
    {
      title: 'name, language and topics given',
      params: { name: 'Ada <3', lang: 'pt', topics: 'SQL, Mail' },
      stdout: [
        '<h1 class="greeting lang-pt">Olá, Ada &lt;3!</h1>',
        '<p>ADA &lt;3 has 6 letters.</p>',
        '<ul><li>1. SQL</li><li>2. Mail</li></ul>',
        'Result: Olá, Ada <3!',
      ],
    },
  ],

  'orders-report.q': [
    {
      title: 'all orders',
      stdout: [
        '<h1>Orders of at least $0.00: 4</h1>',
        '<p>#1 Ada: $1,250.50 on Mon 02 Mar 2026, 09:15</p>',
        '<p>#2 Grace: $89.99 on Tue 03 Mar 2026, 14:40</p>',
        '<p>#3 Linus: $420.00 on Thu 05 Mar 2026, 18:05</p>',
        '<p>#4 Barbara: $15.25 on Fri 06 Mar 2026, 08:00</p>',
        '<p>Total $1,775.74 from Ada, Grace, Linus, Barbara; 2 of at least $100.</p>',
        'Result: 1775.74',
      ],
      logs: ['INFO inserted 4 orders, last id 4'],
    },
    {
      title: 'orders of at least 100',
      params: { minTotal: '100' },
      stdout: [
        '<h1>Orders of at least $100.00: 2</h1>',
        '<p>#1 Ada: $1,250.50 on Mon 02 Mar 2026, 09:15</p>',
        '<p>#3 Linus: $420.00 on Thu 05 Mar 2026, 18:05</p>',
        '<p>Total $1,670.50 from Ada, Linus; 2 of at least $100.</p>',
        'Result: 1670.5',
      ],
      logs: ['INFO inserted 4 orders, last id 4'],
    },
  ],

  'error-handling.q': [
    {
      title: 'invalid defaults, every error caught',
      stdout: [
        'Step: checking quantity',
        'Step: caught Validation from line 19',
        'Step: finally',
        'Step: outer catch: Payment: card declined',
        'Problem: quantity must be positive, got 0 (field=quantity)',
        'Problem: RUNTIME_PARAM: not-an-email is not an email address',
        'Result: 2',
      ],
      logs: ["WARNING Variable 'contact' does not match pattern ^[^@ ]+@[^@ ]+$"],
    },
    {
      title: 'valid input',
      params: { quantity: '2', email: 'ada@example.com' },
      stdout: [
        'Step: checking quantity',
        'Step: quantity 2 accepted',
        'Step: finally',
        'Step: email accepted',
        'Step: outer catch: Payment: card declined',
        'Result: 0',
      ],
    },
  ],

  'mail-digest.q': [
    {
      title: 'two digests in the outbox',
      stdout: ['<p>Sent 2 digests for 2026-W10.</p>', 'Result: 2'],
      logs: [
        expect.stringMatching(/^INFO digest for ada@example\.com stored as [\w-]{36} \(outbox\)$/),
        expect.stringMatching(/^INFO digest for grace@example\.com stored as [\w-]{36} \(outbox\)$/),
      ],
      after(home) {
        const outbox = openOutbox(home)
        try {
          const body = (name: string) =>
            [
              `Hello ${name},`,
              '',
              'This week: 3 articles, 16 minutes of reading.',
              '1. Cron in six fields (4 min)',
              '2. Retries with backoff (7 min)',
              '3. Threads and joins (5 min)',
              '',
              'See you next week!',
            ].join('\n')
          const mail = (to: string, name: string) => ({
            from: 'digest@example.com',
            to: [to],
            subject: 'Quantum digest 2026-W10',
            format: 'text',
            body: body(name),
          })
          // Newest first.
          const messages = outbox.list()
          expect(messages).toMatchObject([mail('grace@example.com', 'Grace'), mail('ada@example.com', 'Ada')])
          for (const message of messages) expect(message.raw).toContain('Subject: Quantum digest 2026-W10')
        } finally {
          outbox.close()
        }
      },
    },
  ],

  'data-pipeline.q': [
    {
      title: 'all regions',
      stdout: [
        '<p>6 sales read, top 3 kept: Gadget, Bolt, Widget</p>',
        '<p>Revenue 147.97, best 59.97, smallest first [30,58,59.97]</p>',
        '<p>Products A to Z: Bolt, Gadget, Widget</p>',
        'top seller: {',
        '  "product": "Gadget",',
        '  "region": "south",',
        '  "units": 3,',
        '  "price": 19.99,',
        '  "revenue": 59.97',
        '}',
        'Result: 147.97',
      ],
    },
    {
      title: 'one region',
      params: { onlyRegion: 'north' },
      stdout: [
        '<p>6 sales read, top 2 kept: Bolt, Widget</p>',
        '<p>Revenue 88.00, best 58, smallest first [30,58]</p>',
        '<p>Products A to Z: Bolt, Widget</p>',
        'top seller: {',
        '  "product": "Bolt",',
        '  "region": "north",',
        '  "units": 8,',
        '  "price": 7.25,',
        '  "revenue": 58',
        '}',
        'Result: 88',
      ],
    },
  ],

  'parallel-join.q': [
    {
      title: 'three threads joined',
      stdout: [
        '<p>Started 3 threads; the page goes on while they run.</p>',
        '<p>north: COMPLETED, 2 sales, 200.50</p>',
        '<p>south: COMPLETED, 3 sales, 200.00</p>',
        '<p>west: COMPLETED, 1 sales, 9.99</p>',
        'Result: 410.49',
      ],
      logs: ['INFO joined 3 threads'],
      threads: {
        north: { status: 'COMPLETED', result: 200.5, rows: 2, error: null },
        south: { status: 'COMPLETED', result: 200, rows: 3, error: null },
        west: { status: 'COMPLETED', result: 9.99, rows: 1, error: null },
      },
    },
  ],

  'thread-timeout.q': [
    {
      title: 'one thread timed out, one terminated',
      stdout: [
        '<p>slow-import: TERMINATED, THREAD_TIMEOUT</p>',
        '<p>poller: TERMINATED, THREAD_TERMINATED, terminated now: true</p>',
        '<p>imports finished: 0</p>',
        'Result: ["TERMINATED","TERMINATED"]',
      ],
      logs: ["WARNING import stopped: Thread 'slow-import' timed out after 500ms"],
      threads: {
        'slow-import': {
          status: 'TERMINATED',
          result: null,
          error: { code: 'THREAD_TIMEOUT', message: "Thread 'slow-import' timed out after 500ms" },
        },
        poller: { status: 'TERMINATED', result: null, error: { code: 'THREAD_TERMINATED' } },
      },
    },
  ],

  'thread-callbacks.q': [
    {
      title: 'on-complete mails, on-error records an alert',
      stdout: [
        '<p>export-march: COMPLETED, result 3</p>',
        '<p>export-april: FAILED, error no invoices for 2026-04</p>',
        '<p>alerts: 1</p>',
        'Result: 1',
      ],
      logs: [
        'ERROR export failed: no invoices for 2026-04',
        "ERROR Thread 'export-april' failed: no invoices for 2026-04",
        'INFO export done: 3 invoices, confirmation mailed',
      ],
      logsInAnyOrder: true,
      threads: {
        'export-march': { status: 'COMPLETED', result: 3, error: null },
        'export-april': {
          status: 'FAILED',
          result: null,
          error: { code: 'RUNTIME_THROW', message: 'no invoices for 2026-04', details: { type: 'Export' } },
        },
      },
      after(home) {
        const outbox = openOutbox(home)
        try {
          expect(outbox.list()).toMatchObject([
            {
              from: 'exports@example.com',
              to: ['accounting@example.com'],
              subject: 'Export done',
              body: '3 invoices exported.',
            },
          ])
        } finally {
          outbox.close()
        }
      },
    },
  ],

  'http-invoke.q': [
    {
      title: 'against a local shop API',
      // A getter: the server's port is known only once beforeAll has run.
      get params() {
        return { baseUrl }
      },
      stdout: [
        '<h2>2 products in tools</h2>',
        '<p>T-1: Hammer at $12.50</p>',
        '<p>T-2: Saw at $20.00</p>',
        '<p>Order ord-1 for 2 x T-1 is accepted (HTTP 201)</p>',
        '<p>Discontinued products: HTTP 404, success false</p>',
        'Result: ord-1',
      ],
      after() {
        expect(requests).toEqual([
          { method: 'GET', url: '/products?category=tools', body: '' },
          {
            method: 'POST',
            url: '/orders',
            contentType: 'application/json',
            requestId: 'example-T-1',
            body: '{"sku": "T-1", "quantity": 2}',
          },
          { method: 'GET', url: '/discontinued', body: '' },
        ])
      },
    },
  ],
}

async function shopApi(request: IncomingMessage, response: ServerResponse) {
  let body = ''
  for await (const chunk of request) body += chunk
  const recorded: (typeof requests)[number] = { method: request.method ?? '', url: request.url ?? '', body }
  if (request.headers['content-type']) recorded.contentType = request.headers['content-type']
  if (typeof request.headers['x-request-id'] === 'string')
    recorded.requestId = request.headers['x-request-id']
  requests.push(recorded)
  const json = (status: number, value: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(JSON.stringify(value))
  }
  const url = new URL(request.url ?? '/', 'http://shop')
  if (request.method === 'GET' && url.pathname === '/products') {
    const items = [
      { sku: 'T-1', name: 'Hammer', price: 12.5 },
      { sku: 'T-2', name: 'Saw', price: 20 },
    ]
    return json(200, { category: url.searchParams.get('category'), items })
  }
  if (request.method === 'POST' && url.pathname === '/orders') {
    const order = JSON.parse(body) as { sku: string; quantity: number }
    return json(201, { id: `ord-${requests.length - 1}`, status: 'accepted', ...order })
  }
  return json(404, { error: 'not found' })
}

let dir: string

beforeAll(async () => {
  shop = createServer((request, response) => {
    shopApi(request, response).catch((error: unknown) => {
      response.statusCode = 500
      response.end(String(error))
    })
  })
  shop.listen(0, '127.0.0.1')
  await once(shop, 'listening')
  baseUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise<void>((resolve, reject) => shop.close((error) => (error ? reject(error) : resolve())))
})

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-cli-examples-'))
  requests.length = 0
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** `quantum run FILE --home <temp> --param …` in-process, from a temporary working directory. */
function runExample(file: string, params: Record<string, string> = {}, format = 'text'): Promise<RunResult> {
  const home = join(dir, 'home')
  const paramArgs = Object.entries(params).flatMap(([name, value]) => ['--param', `${name}=${value}`])
  return run(['run', join(examplesDir, file), '--home', home, '--format', format, ...paramArgs], { cwd: dir })
}

/** The log lines on stderr as `LEVEL message`; fails on anything on stderr that is not a log line. */
function logMessages(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = LOG_LINE.exec(line)
      if (!match) throw new Error(`unexpected output on stderr:\n${stderr}`)
      return `${match[1]} ${match[2]}`
    })
}

describe('the runnable examples', () => {
  it('are all here, and each has expectations in this file or a test file that runs it', () => {
    expect(exampleFiles.length).toBeGreaterThanOrEqual(12)
    expect(exampleFiles).toEqual([...Object.keys(EXAMPLES), ...Object.keys(TESTED_ELSEWHERE)].sort())
    for (const [file, testFile] of Object.entries(TESTED_ELSEWHERE)) {
      const test = readFileSync(fileURLToPath(new URL(testFile, import.meta.url)), 'utf8')
      expect(test, `${testFile} runs ${file}`).toContain(`'${file}'`)
    }
  })

  const ranHere = exampleFiles.filter((file) => EXAMPLES[file])
  const cases = exampleFiles.flatMap((file) =>
    (EXAMPLES[file] ?? []).map((example) => ({ name: `${file}: ${example.title}`, file, example })),
  )
  it.each(cases)('$name', async ({ file, example }) => {
    const result = await runExample(file, example.params)
    const logs = logMessages(result.stderr)
    if (example.logsInAnyOrder) expect(logs.sort()).toEqual([...(example.logs ?? [])].sort())
    else expect(logs).toEqual(example.logs ?? [])
    expect(result.stdout).toBe(`${example.stdout.join('\n')}\n`)
    expect(result.code).toBe(0)
    example.after?.(join(dir, 'home'))
  })

  it.each(ranHere)('%s prints one JSON object with --format json', async (file) => {
    const [first] = EXAMPLES[file] ?? []
    const result = await runExample(file, first?.params, 'json')
    expect(result.code).toBe(0)
    const json = JSON.parse(result.stdout)
    expect(Object.keys(json).sort()).toEqual(['component', 'logs', 'output', 'result', 'threads'])
    const lines = first?.stdout ?? []
    expect(json.output).toBe(
      lines
        .slice(0, -1)
        .map((line) => `${line}\n`)
        .join(''),
    )
    expect(`Result: ${typeof json.result === 'string' ? json.result : JSON.stringify(json.result)}`).toBe(
      lines.at(-1),
    )
    const threads = first?.threads ?? {}
    expect(Object.keys(json.threads).sort()).toEqual(Object.keys(threads).sort())
    for (const [name, state] of Object.entries(threads)) expect(json.threads[name]).toMatchObject(state)
  })

  it('http-invoke.q needs its baseUrl', async () => {
    const result = await runExample('http-invoke.q')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /http-invoke\.q:\d+:3: error RUNTIME_PARAM: Missing required parameter 'baseUrl'\n/,
    )
  })
})
