import { afterAll, beforeAll, expect } from 'vitest'

// Sockets, servers, child handles and worker threads a test file opened must be closed by the end of that
// file: a pool, connection or server left open fails the file here instead of hanging or leaking later.
const WATCHED = new Set(['TCPSocketWrap', 'TCPServerWrap', 'PipeWrap', 'ProcessWrap'])

// Node does not list worker threads among its active resources; @quantum/threads records the live
// workers of its pools under this global symbol, so a pool left open fails the file too.
const LIVE_WORKERS = Symbol.for('quantum.threads.liveWorkers')

const watched = () => [
  ...process
    .getActiveResourcesInfo()
    .filter((name) => WATCHED.has(name))
    .sort(),
  ...Array.from((globalThis as { [LIVE_WORKERS]?: Set<unknown> })[LIVE_WORKERS] ?? [], () => 'Worker'),
]

let before: string[] = []

beforeAll(() => {
  before = watched()
})

afterAll(async () => {
  let now = watched()
  // Closing is asynchronous: give handles that are already closing a moment to go.
  for (let i = 0; i < 40 && now.length > before.length; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25))
    now = watched()
  }
  expect(now, 'handles left open by this test file').toEqual(before)
})
