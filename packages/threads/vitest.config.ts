import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared'

// Pool workers start @quantum/runtime's dist/bodyThread.js (a worker thread cannot load TypeScript), so build it first.
export default mergeConfig(shared, defineConfig({ test: { globalSetup: ['../../vitest.bodyThread.ts'] } }))
