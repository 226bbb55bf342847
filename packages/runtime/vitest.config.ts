import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared'

// The body thread tests start dist/bodyThread.js (a worker thread cannot load TypeScript), so build it first.
export default mergeConfig(shared, defineConfig({ test: { globalSetup: ['../../vitest.bodyThread.ts'] } }))
