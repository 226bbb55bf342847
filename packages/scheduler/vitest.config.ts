import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared'

// Fires run @quantum/runtime's dist/bodyThread.js in Bree's worker threads (a worker thread cannot load
// TypeScript), and the distributed test's worker processes import dist/index.js: build both first.
// Real-time tests wait on several fires in turn; on a saturated 2-core machine that takes longer than 20 s,
// and each wait has its own bound, so the test's own limit is only a backstop.
export default mergeConfig(
  shared,
  defineConfig({
    test: { globalSetup: ['./test/support/build.ts', '../../vitest.bodyThread.ts'], testTimeout: 60_000 },
  }),
)
