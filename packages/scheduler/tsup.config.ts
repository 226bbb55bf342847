import { defineConfig } from 'tsup'
import { baseConfig } from '../../tsup.config.base'

// The worker script is an entry of its own: the pool starts `dist/worker.js` next to `dist/index.js`.
export default defineConfig({ ...baseConfig, entry: ['src/index.ts', 'src/worker.ts'] })
