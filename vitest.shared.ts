import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Tests import `@quantum/*` by their public names but run against each package's src, so one
// package's tests never depend on a sibling having been built.
const packages = new URL('./packages/', import.meta.url)
const alias = readdirSync(packages)
  .filter((name) => existsSync(new URL(`${name}/src/index.ts`, packages)))
  .map((name) => {
    const manifest = JSON.parse(readFileSync(new URL(`${name}/package.json`, packages), 'utf8')) as {
      name: string
    }
    return {
      find: new RegExp(`^${manifest.name.replace('/', '\\/')}$`),
      replacement: fileURLToPath(new URL(`${name}/src/index.ts`, packages)),
    }
  })

export default defineConfig({
  resolve: { alias },
  test: {
    restoreMocks: true,
    testTimeout: 20_000,
  },
})
