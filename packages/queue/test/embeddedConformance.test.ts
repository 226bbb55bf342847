import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openEmbeddedQueue } from '../src/embedded'
import { describeQueue } from './conformance/describeQueue'

describeQueue('embedded', async () => {
  const home = await mkdtemp(join(tmpdir(), 'quantum-queue-'))
  return {
    open: (options) => openEmbeddedQueue({ home, pollMs: 50, ...options }),
    childConfig: (options) => ({ kind: 'embedded', options: { home, pollMs: 50, ...options } }),
    cleanup: () => rm(home, { recursive: true, force: true }),
  }
})
