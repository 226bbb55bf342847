import { fileURLToPath } from 'node:url'
import { build } from 'tsup'
import { baseConfig } from '../../../../tsup.config.base'

/** Build dist/index.js (the worker processes of the distributed test import it) from the current source, as `pnpm build` does. */
export default async function buildPackage() {
  await build({
    ...baseConfig,
    entry: [fileURLToPath(new URL('../../src/index.ts', import.meta.url))],
    outDir: fileURLToPath(new URL('../../dist', import.meta.url)),
    dts: false,
    clean: false,
    silent: true,
    config: false,
  })
}
