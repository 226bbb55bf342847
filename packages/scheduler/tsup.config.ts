import { defineConfig } from 'tsup'
import { baseConfig } from '../../tsup.config.base'

// Fires run in `@quantum/runtime`'s body thread (`@quantum/runtime/workers`): no worker script of its own.
export default defineConfig({ ...baseConfig, entry: ['src/index.ts'] })
