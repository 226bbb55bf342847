import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { renderConfigTables } from '../src/config/docTable'
import { configJsonSchema } from '../src/config/jsonSchema'

/**
 * Writes what is generated from the configuration's schema (`src/config/schema.ts`): the JSON Schema
 * shipped for editors, and the configuration tables of the docs. Run by `pnpm build`; a test fails when
 * a committed file differs from what this writes.
 */

const PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The docs with marked configuration tables, relative to the package. */
const DOCS = ['../../docs/embedded-vs-redis.md', '../../docs/language.md', 'README.md']

/** Every generated file: its absolute path and the text it must have. */
export function generatedFiles(): Map<string, string> {
  const schema = join(PACKAGE, 'quantum.config.schema.json')
  const files = new Map([[schema, formatted(schema, JSON.stringify(configJsonSchema()))]])
  for (const doc of DOCS) {
    const path = join(PACKAGE, doc)
    const text = renderConfigTables(readFileSync(path, 'utf8'))
    // The package's own files are checked by its `biome check`; the repository's docs by nothing.
    files.set(path, doc.startsWith('..') ? text : formatted(path, text))
  }
  return files
}

/** `text` as the repository's formatter writes the file at `path` (what `biome check` expects). */
function formatted(path: string, text: string): string {
  const biome = spawnSync('pnpm', ['exec', 'biome', 'format', `--stdin-file-path=${path}`], {
    cwd: PACKAGE,
    input: text,
    encoding: 'utf8',
  })
  if (biome.status !== 0) throw new Error(`biome format failed: ${biome.stderr}`)
  return biome.stdout
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [path, text] of generatedFiles()) {
    if (readFileSync(path, 'utf8') !== text) writeFileSync(path, text)
  }
}
