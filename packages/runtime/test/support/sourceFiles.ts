import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse, parseTemplate } from '@quantum/parser'
import { createRuntime, type RunOptions, type RunResult, type RuntimeServices } from '../../src/index'
import { createFiles, createSources } from '../../src/services'
import type { Sources } from '../../src/services/types'

/** An app folder in a temp dir with real file rules and sources (parsed by the real parser). */
export interface SourceApp {
  dir: string
  /** The app's sources, as a host would lend them. */
  sources: Sources
  /** Write a file of the app (folders made as needed); returns its absolute path. */
  write(path: string, text: string): string
  /** Parse `path` of the app and run it with the app's services plus `services`. */
  run(path: string, options?: RunOptions & { services?: RuntimeServices }): Promise<RunResult>
  /** How many times a `.q` file was parsed by the sources. */
  parsed(): number
  remove(): void
}

export function sourceApp(): SourceApp {
  const dir = mkdtempSync(join(tmpdir(), 'quantum-sources-'))
  let parses = 0
  const files = createFiles({ roots: [dir], base: dir })
  const sources = createSources({
    files,
    componentPaths: [join(dir, 'components')],
    parseDocument: (source, file) => {
      parses++
      return parse(source, { file })
    },
    parseTemplate: (text) => parseTemplate(text),
  })
  const write = (path: string, text: string) => {
    const absolute = join(dir, path)
    mkdirSync(dirname(absolute), { recursive: true })
    writeFileSync(absolute, text)
    return absolute
  }
  return {
    dir,
    sources,
    write,
    run(path, options = {}) {
      const { services, ...runOptions } = options
      const document = parse(readFileSync(join(dir, path), 'utf8'), { file: join(dir, path) })
      return createRuntime({ files, sources, ...services }).run(document, runOptions)
    },
    parsed: () => parses,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
