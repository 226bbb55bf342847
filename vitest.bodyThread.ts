import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'tsup'
import { baseConfig } from './tsup.config.base'

/**
 * A global setup of the packages whose tests start body threads (threads, scheduler, queue…): build
 * `@quantum/runtime`'s `dist/bodyThread.js` from the current source, as `pnpm build` does (a worker thread
 * cannot load TypeScript). Built beside and renamed into place, so two packages' tests building it at
 * once never leave a half-written file.
 */
export default async function buildBodyThread(): Promise<void> {
  const dist = fileURLToPath(new URL('./packages/runtime/dist/', import.meta.url))
  mkdirSync(dist, { recursive: true })
  const scratch = mkdtempSync(join(dist, '.bodyThread-'))
  try {
    await build({
      ...baseConfig,
      entry: {
        bodyThread: fileURLToPath(new URL('./packages/runtime/src/workers/bodyThread.ts', import.meta.url)),
      },
      outDir: scratch,
      // As runtime's own build: its dependencies and optional peers are imported, never bundled.
      external: [/^[^./]/],
      dts: false,
      clean: false,
      silent: true,
      config: false,
    })
    for (const file of ['bodyThread.js', 'bodyThread.js.map'])
      renameSync(join(scratch, file), join(dist, file))
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
