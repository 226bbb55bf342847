import { defineConfig } from 'tsup'
import { baseConfig } from '../../tsup.config.base'

export default defineConfig({
  ...baseConfig,
  // xmlThread is the XML reader's worker thread, started by file (see data/xpathWorker.ts).
  entry: { index: 'src/index.ts', services: 'src/services.ts', xmlThread: 'src/data/xmlThread.ts' },
})
