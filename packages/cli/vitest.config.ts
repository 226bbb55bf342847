import { fileURLToPath } from 'node:url'
import { mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared'

// The shared config maps each `@quantum/<name>` to its src; the runtime's `./services` entry needs the same,
// so these tests never mix the runtime's src with a stale dist.
export default mergeConfig(shared, {
  resolve: {
    alias: [
      {
        find: /^@quantum\/runtime\/services$/,
        replacement: fileURLToPath(new URL('../runtime/src/services.ts', import.meta.url)),
      },
    ],
  },
})
