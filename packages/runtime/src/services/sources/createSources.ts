import { join } from 'node:path'
import { type Bindable, type Document, ErrorCodes, QuantumError, RuntimeError } from '@quantum/ast'
import type { FileRequest, FileStat, Files, LoadedComponent, LoadedTemplate, Sources } from '../types'
import { FileCache } from './fileCache'

/** Where a host's {@link Sources} find files and how they parse them. */
export interface SourcesOptions {
  /** The file rules every component and template is read through. */
  files: Files
  /**
   * Absolute folders searched for `<name>.q` after the calling document's own folder: the app's
   * component path. They must lie inside the file rules' roots to be readable.
   */
  componentPaths?: string[]
  /** Parse and validate a `.q` document, throwing its problems (`@quantum/parser`'s `parse`). */
  parseDocument(source: string, file: string): Document
  /** Parse text for `{expr}` databinding, throwing a located `ParseError` (`@quantum/parser`'s `parseTemplate`). */
  parseTemplate(text: string): Bindable
  /** Parsed files kept, by path, size and modification time. @defaultValue 256 */
  maxCached?: number
}

/**
 * The {@link Sources} a host gives the runtime: components and templates found through the file rules,
 * parsed with the host's parser, and kept parsed until their file changes.
 */
export function createSources(options: SourcesOptions): Sources {
  const { files } = options
  const max = options.maxCached ?? 256
  const components = new FileCache<Document>(max)
  const templates = new FileCache<Bindable>(max)

  /** Read and parse the file `stat` describes, unless it is cached unchanged. */
  async function load<T>(
    cache: FileCache<T>,
    stat: FileStat,
    request: FileRequest,
    parse: (text: string) => T,
  ): Promise<T> {
    const cached = cache.get(stat)
    if (cached !== undefined) return cached
    const { content } = await files.read({ ...request, path: stat.path })
    const text = content
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
    let value: T
    try {
      value = parse(text)
    } catch (error) {
      if (QuantumError.is(error) && error.file === undefined) error.file = stat.path
      throw error
    }
    cache.set(stat, value)
    return value
  }

  return {
    async component({ name, from }): Promise<LoadedComponent> {
      const candidates: FileRequest[] = [
        { path: `${name}.q`, purpose: 'Component' },
        ...(options.componentPaths ?? []).map((folder) => ({
          path: join(folder, `${name}.q`),
          purpose: 'Component',
        })),
      ]
      if (from !== undefined) (candidates[0] as FileRequest).from = from
      for (const candidate of candidates) {
        const stat = await statIfExists(files, candidate)
        if (!stat) continue
        const document = await load(components, stat, candidate, (text) =>
          options.parseDocument(text, stat.path),
        )
        return { file: stat.path, document }
      }
      const where = candidates.map((candidate) => candidate.path).join(', ')
      throw new RuntimeError(
        ErrorCodes.RUNTIME_NOT_FOUND,
        `Component '${name}' not found: no ${name}.q next to the calling document or in the component path (looked for ${where})`,
        { details: { component: name } },
      )
    },

    async template(request): Promise<LoadedTemplate> {
      const found = { ...request, purpose: request.purpose ?? 'Template' }
      const stat = await files.stat(found)
      return { file: stat.path, content: await load(templates, stat, found, options.parseTemplate) }
    },
  }
}

/** The file's stat, or undefined when there is no such file; refusals and other failures are thrown. */
async function statIfExists(files: Files, request: FileRequest): Promise<FileStat | undefined> {
  try {
    return await files.stat(request)
  } catch (error) {
    if (QuantumError.is(error) && error.code === ErrorCodes.RUNTIME_FILE && error.details?.errno === 'ENOENT')
      return undefined
    throw error
  }
}
