import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '@quantum/store/sqlite'
import { openEmbeddedQueue } from '../src/embedded'
import { describeReliability } from './reliability/describeReliability'

describeReliability('embedded', async () => {
  const home = await mkdtemp(join(tmpdir(), 'quantum-reliable-'))
  return {
    queue: await openEmbeddedQueue({ home, pollMs: 50 }),
    store: await openSqliteStore({ home }),
    config: ({ leaseMs, concurrency }) => ({
      kind: 'embedded',
      concurrency,
      options: { home, leaseMs, pollMs: 50 },
    }),
    cleanup: () => rm(home, { recursive: true, force: true }),
  }
})
