import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared'

// Child-process workers run the built package (dist), as a user's worker would: build it first.
export default mergeConfig(shared, defineConfig({ test: { globalSetup: ['./test/support/build.ts'] } }))
