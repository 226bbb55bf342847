import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '@quantum/store/sqlite'
import { openEmbeddedQueue } from '../src/embedded'
import { describeJobService } from './service/describeJobService'

describeJobService('embedded', async () => {
  const home = await mkdtemp(join(tmpdir(), 'quantum-jobs-'))
  return {
    queue: await openEmbeddedQueue({ home, pollMs: 50 }),
    store: await openSqliteStore({ home }),
    cleanup: () => rm(home, { recursive: true, force: true }),
  }
})
