import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared'

// Child-process workers run the built package (dist), as a user's worker would, and job bodies run in
// @quantum/runtime's dist/bodyThread.js (a worker thread cannot load TypeScript): build both first.
export default mergeConfig(
  shared,
  defineConfig({ test: { globalSetup: ['./test/support/build.ts', '../../vitest.bodyThread.ts'] } }),
)
