import { defineConfig } from 'tsup'
import { baseConfig } from '../../tsup.config.base'

export default defineConfig({
  ...baseConfig,
  // xmlThread is the XML reader's worker thread, started by file (see data/xpathWorker.ts); bodyThread is
  // the body thread every pool of them starts (see workers/bodyThreadFile.ts).
  entry: {
    index: 'src/index.ts',
    services: 'src/services.ts',
    workers: 'src/workers.ts',
    xmlThread: 'src/data/xmlThread.ts',
    bodyThread: 'src/workers/bodyThread.ts',
  },
})
