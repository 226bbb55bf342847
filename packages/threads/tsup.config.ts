import { defineConfig } from 'tsup'
import { baseConfig } from '../../tsup.config.base'

// The pool's threads run `@quantum/runtime`'s body thread (`@quantum/runtime/workers`): no script of its own.
export default defineConfig({ ...baseConfig, entry: ['src/index.ts'] })
