import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Target } from '../src/args'
import {
  act,
  DEPLOYMENTS,
  type EventClient,
  listen,
  scheduleDefinition,
  serve,
  type TestDeployment,
  type TestServer,
} from './support'

const run = promisify(execFile)
const here = fileURLToPath(new URL('.', import.meta.url))
const CLI = fileURLToPath(new URL('../../../packages/cli/dist/bin.js', import.meta.url))

/** `quantum ARGS` on the deployment, by the built CLI in its own process. */
async function quantum(target: Target, args: string[]): Promise<string> {
  if (target.kind === 'sqlite') {
    return (await run(process.execPath, [CLI, '--home', target.home, ...args], { cwd: here })).stdout
  }
  // The CLI takes a Redis key prefix from its configuration file only.
  const folder = mkdtempSync(join(tmpdir(), 'playground-cli-'))
  try {
    const config = join(folder, 'quantum.config.json')
    writeFileSync(config, JSON.stringify({ redis: { url: target.url, prefix: target.prefix } }))
    return (await run(process.execPath, [CLI, '--config', config, ...args], { cwd: folder })).stdout
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

describe.each(DEPLOYMENTS)('live events on %s', (_, open) => {
  let deployment: TestDeployment
  let server: TestServer
  let client: EventClient | undefined

  beforeEach(async () => {
    deployment = await open()
    server = await serve(deployment.target)
  })

  afterEach(async () => {
    client?.close()
    client = undefined
    await server.stop()
    await deployment.cleanup()
  })

  it('pushes a schedule paused and resumed by the CLI in another process, in order', async () => {
    await deployment.deployment.store.registerSchedule(scheduleDefinition('tick'), {
      nextRun: '2030-01-01T00:00:00.000Z',
    })
    client = await listen(server)
    expect(await quantum(deployment.target, ['jobs', 'pause', 'tick'])).toContain('Job paused: tick')
    const paused = await client.next((event) => event.event === 'control', 'the pause event')
    expect(paused.data).toMatchObject({ action: 'pause', kind: 'schedule', name: 'tick' })
    const view = await client.next((event) => event.event === 'schedule', 'the paused schedule')
    expect(view.data).toMatchObject({ name: 'tick', status: 'paused', trigger: { kind: 'interval' } })
    expect(Number(view.id)).toBeGreaterThan(Number(paused.id))

    await quantum(deployment.target, ['jobs', 'resume', 'tick'])
    await quantum(deployment.target, ['jobs', 'delete', 'tick'])
    const controls = [
      await client.next((event) => event.event === 'control', 'the resume event'),
      await client.next((event) => event.event === 'control', 'the delete event'),
    ]
    expect(controls.map((event) => event.data.action)).toEqual(['resume', 'delete'])
    await client.next(
      (event) => event.event === 'scheduleRemoved' && event.data.name === 'tick',
      'the removal',
    )
  })

  it('pushes history rows, the job and the queue counts when another process completes a job', async () => {
    const { queue } = deployment.deployment
    const { id } = await queue.enqueue({ name: 'mail', queue: 'live', params: { to: 'ann' } })
    client = await listen(server)
    await run(process.execPath, [join(here, 'fixtures/worker.mjs'), JSON.stringify(deployment.target)], {
      cwd: join(here, '..'),
    })
    const names: string[] = []
    while (names.length < 3) {
      const runs = await client.next((event) => event.event === 'runs', 'the recorded rows')
      names.push(...runs.data.map((row: { name: string }) => row.name))
    }
    expect(names).toEqual(['first', 'second', 'mail'])
    const job = await client.next((event) => event.event === 'job', 'the completed job')
    expect(job.data).toMatchObject({ id, status: 'completed', result: { sent: 'ann' } })
    const queues = await client.next((event) => event.event === 'queues', 'the queue counts')
    expect(queues.data).toEqual([
      expect.objectContaining({ queue: 'live', pending: 0, running: 0, completed: 1 }),
    ])
    const schedules = client.events.filter((event) => event.event === 'schedule')
    // History of schedules the store does not know: nothing to show for them.
    expect(schedules).toEqual([])
    expect(client.events.map((event) => Number(event.id))).toEqual(client.events.map((_, index) => index))
  })

  it('pushes the queue counts when another process enqueues jobs nobody has taken yet', async () => {
    client = await listen(server)
    await run(process.execPath, [join(here, 'fixtures/enqueue.mjs'), JSON.stringify(deployment.target)], {
      cwd: join(here, '..'),
    })
    const counts = await client.next(
      (event) =>
        event.event === 'queues' && event.data.some((queue: { pending: number }) => queue.pending === 3),
      'three pending jobs',
    )
    expect(counts.data).toEqual([
      { queue: 'fresh', pending: 3, running: 0, completed: 0, failed: 0, cancelled: 0, paused: false },
    ])
  })

  it('pushes a fired schedule with its last result, and a worker that came', async () => {
    const { store } = deployment.deployment
    await store.registerSchedule(scheduleDefinition('tick'), { nextRun: '2030-01-01T00:00:00.000Z' })
    client = await listen(server)
    await store.updateSchedule('tick', { lastRun: '2029-12-31T23:59:00.000Z', addRuns: 1 })
    await store.recordRun({ kind: 'schedule', name: 'tick', status: 'late' })
    const fired = await client.next((event) => event.event === 'schedule', 'the fired schedule')
    expect(fired.data).toMatchObject({ name: 'tick', runCount: 1, lastResult: { status: 'late' } })
    await store.heartbeat(
      { id: 'w9', host: 'box', pid: 99, startedAt: new Date(), details: { queues: ['a'] } },
      60_000,
    )
    // A worker's arrival is seen by reading the live list every few seconds: a wide bound.
    const workers = await client.next((event) => event.event === 'workers', 'the worker', 15_000)
    expect(workers.data).toEqual([expect.objectContaining({ id: 'w9', pid: 99, details: { queues: ['a'] } })])
  })

  it('pushes what its own actions changed', async () => {
    const { queue } = deployment.deployment
    const { id } = await queue.enqueue({ name: 'mail', queue: 'live', params: { to: 'bob' } })
    // A client that left does not stop the others' stream.
    const leaving = await listen(server)
    client = await listen(server)
    leaving.close()
    expect((await act(server, 'POST', `/api/jobs/${encodeURIComponent(id)}/cancel`)).status).toBe(200)
    const job = await client.next((event) => event.event === 'job', 'the cancelled job')
    expect(job.data).toMatchObject({ id, status: 'cancelled' })
    const queues = await client.next((event) => event.event === 'queues', 'the queue counts')
    expect(queues.data).toEqual([expect.objectContaining({ queue: 'live', pending: 0, cancelled: 1 })])
  })
})
