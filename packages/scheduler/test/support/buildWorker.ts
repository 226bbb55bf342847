import { fileURLToPath } from 'node:url'
import { build } from 'tsup'
import { baseConfig } from '../../../../tsup.config.base'

/** Build dist/worker.js from the current source, as `pnpm build` does, before any test fires a schedule. */
export default async function buildWorker() {
  await build({
    ...baseConfig,
    entry: [fileURLToPath(new URL('../../src/worker.ts', import.meta.url))],
    outDir: fileURLToPath(new URL('../../dist', import.meta.url)),
    dts: false,
    clean: false,
    silent: true,
    config: false,
  })
}
