import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Tests import `@quantum/*` (and their subpath entries, such as `@quantum/runtime/services`) by their
// public names but run against each package's src, so one package's tests never depend on a sibling
// having been built. An entry `./x` maps to `src/x.ts`, `.` to `src/index.ts`.
const packages = new URL('./packages/', import.meta.url)
const alias = readdirSync(packages)
  .filter((name) => existsSync(new URL(`${name}/src/index.ts`, packages)))
  .flatMap((name) => {
    const manifest = JSON.parse(readFileSync(new URL(`${name}/package.json`, packages), 'utf8')) as {
      name: string
      exports: Record<string, unknown>
    }
    return Object.keys(manifest.exports)
      .filter((entry) => entry !== './package.json')
      .map((entry) => {
        const sub = entry === '.' ? '' : entry.slice(1)
        const file = entry === '.' ? 'src/index.ts' : `src${sub}.ts`
        return {
          find: new RegExp(`^${`${manifest.name}${sub}`.replaceAll('/', '\\/')}$`),
          replacement: fileURLToPath(new URL(`${name}/${file}`, packages)),
        }
      })
  })

export default defineConfig({
  resolve: { alias },
  test: {
    setupFiles: [fileURLToPath(new URL('./vitest.leaks.ts', import.meta.url))],
    restoreMocks: true,
    testTimeout: 20_000,
  },
})
