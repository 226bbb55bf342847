import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { QueueAdapter } from '../src/contract'
import { openEmbeddedQueue } from '../src/embedded'
import { deferred, sleep } from './support/wait'

const enqueue = fileURLToPath(new URL('./fixtures/enqueue.mjs', import.meta.url))
const run = promisify(execFile)

let home: string
let queue: QueueAdapter

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'quantum-pickup-'))
  queue = await openEmbeddedQueue({ home })
})
afterEach(async () => {
  await queue.close()
  await rm(home, { recursive: true, force: true })
})

it('an idle worker starts a job another process enqueued within 250 ms (default poll)', async () => {
  const picked = deferred<number>()
  queue.process(async (job) => picked.resolve(Date.now() - (job.params.at as number)))
  await sleep(300)
  await run(process.execPath, [enqueue, JSON.stringify({ kind: 'embedded', options: { home } })])
  expect(await picked.promise).toBeLessThan(250)
})
