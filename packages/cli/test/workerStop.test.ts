import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openEmbeddedQueue } from '@quantum/queue/embedded'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { run } from './run'
import { type TempHome, tempHome } from './seed'

// Ctrl-C on `worker start` while jobs run: it says what it waits for, and which jobs it handed back.

let state: TempHome
const quantum = (args: string[], signal?: AbortSignal) =>
  run(['--home', state.home, ...args], { cwd: state.home, ...(signal ? { signal } : {}) })

beforeEach(async () => {
  state = await tempHome()
})

afterEach(async () => {
  await state.cleanup()
})

const APP = `<q:component name="Jobs" xmlns:q="https://quantum.lang/ns">
  <q:job name="slow" attempts="1"><q:sleep duration="60s"/></q:job>
  <q:job name="quick" attempts="1"><q:sleep duration="1s"/></q:job>
</q:component>
`

it('says it waits for the running jobs, then names the jobs it handed back after the grace', async () => {
  writeFileSync(join(state.home, 'jobs.q'), APP)
  writeFileSync(join(state.home, 'quantum.config.json'), JSON.stringify({ scheduler: { stopGrace: '8s' } }))
  expect((await quantum(['run', 'jobs.q'])).code).toBe(0)
  const ids: string[] = []
  for (const name of ['slow', 'slow', 'quick']) {
    const { stdout } = await quantum(['jobs', 'dispatch', name])
    ids.push(/Job ID: (\S+)/.exec(stdout)?.[1] ?? '')
  }
  const queue = await openEmbeddedQueue({ home: state.home })
  try {
    const controller = new AbortController()
    const worker = quantum(['worker', 'start', '--app', '.'], controller.signal)
    await expect.poll(() => queue.count({ status: 'running' }), { timeout: 15_000, interval: 100 }).toBe(3)
    controller.abort(new Error('interrupted by SIGINT'))
    const result = await worker
    expect(result.code, result.stderr).toBe(0)
    const lines = result.stdout.split('\n')
    const stopping = lines.indexOf('Stopping worker...')
    expect(lines[stopping + 1]).toBe('Waiting up to 8 s for 3 running jobs…')
    expect(result.stdout).toMatch(new RegExp(` completed quick #${ids[2]} on default attempt 1\\n`))
    const handedBack = lines.find((line) => line.startsWith('Handed back to the queue'))
    expect(handedBack).toMatch(
      /^Handed back to the queue after the grace: 2 jobs \(slow #\d+, slow #\d+\)\.$/,
    )
    for (const id of ids.slice(0, 2)) expect(handedBack).toContain(`slow #${id}`)
    expect(await queue.count({ status: 'pending' })).toBe(2)
  } finally {
    await queue.close()
  }
}, 60_000)
