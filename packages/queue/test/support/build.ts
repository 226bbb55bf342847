import { fileURLToPath } from 'node:url'
import { build } from 'tsup'
import { baseConfig } from '../../../../tsup.config.base'

/** Build dist/ from the current source before any test starts a worker process on it. */
export default async function buildPackage() {
  await build({
    ...baseConfig,
    entry: ['index', 'embedded', 'bee'].map((name) =>
      fileURLToPath(new URL(`../../src/${name}.ts`, import.meta.url)),
    ),
    outDir: fileURLToPath(new URL('../../dist', import.meta.url)),
    dts: false,
    clean: false,
    silent: true,
    config: false,
  })
}
