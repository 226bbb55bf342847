import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { check } from '../src/index'

const root = new URL('./fixtures/', import.meta.url).pathname
/** The proposal's snippets: `seed-<name>` cases read `examples/seed/seed-<name>.q` itself, never a copy. */
const seeds = new URL('../../../examples/seed/', import.meta.url).pathname
const update = process.env.UPDATE === '1'

/**
 * Golden fixtures: `<case>/input.q` (for `seed-*` cases, the example in `examples/seed/`) with either `ast.json` (the document, positions included) or
 * `errors.txt` (one `line:col CODE message` line per diagnostic). `UPDATE=1` rewrites them.
 */
describe('golden fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name)
    it(name, () => {
      const input = join(dir, 'input.q')
      const source = readFileSync(existsSync(input) ? input : join(seeds, `${name}.q`), 'utf8')
      const { document, diagnostics } = check(source, { file: 'input.q' })
      const errorsFile = join(dir, 'errors.txt')
      const astFile = join(dir, 'ast.json')
      if (diagnostics.length > 0 || existsSync(errorsFile)) {
        const lines = diagnostics
          .map((error) => `${error.location} ${error.code} ${error.message}`)
          .join('\n')
        if (update) writeFileSync(errorsFile, `${lines}\n`)
        expect(lines).toBe(readFileSync(errorsFile, 'utf8').trimEnd())
        for (const error of diagnostics) {
          expect(error.file).toBe('input.q')
          expect(error.position?.start.line).toBeGreaterThan(0)
        }
        return
      }
      const json = `${JSON.stringify(document, null, 2)}\n`
      if (update) writeFileSync(astFile, json)
      expect(existsSync(astFile), `${astFile} is missing; run with UPDATE=1`).toBe(true)
      expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(astFile, 'utf8')))
      expect(JSON.parse(JSON.stringify(document))).toEqual(document)
    })
  }
})
