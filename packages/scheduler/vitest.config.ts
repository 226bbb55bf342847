import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared'

// Fires run dist/worker.js in Bree's worker threads (a worker thread cannot load TypeScript), so build it first.
export default mergeConfig(shared, defineConfig({ test: { globalSetup: ['./test/support/buildWorker.ts'] } }))
