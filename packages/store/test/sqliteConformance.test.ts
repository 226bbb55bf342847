import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '../src/sqlite'
import { describeStore } from './conformance/describeStore'

describeStore('sqlite', async () => {
  const home = await mkdtemp(join(tmpdir(), 'quantum-store-'))
  return {
    open: (options) => openSqliteStore({ ...options, home }),
    cleanup: () => rm(home, { recursive: true, force: true }),
  }
})
