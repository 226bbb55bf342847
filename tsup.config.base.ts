import type { Options } from 'tsup'

/** Shared tsup settings: ESM + d.ts, Node 20, dependencies never bundled. */
export const baseConfig: Options = {
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: false,
  treeshake: true,
}
