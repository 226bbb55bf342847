import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ErrorCodes } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { builtinTags, check } from '../src/index'

/**
 * Keeps `docs/` in step with the parser: a page per tag the registry knows whose attribute table names
 * exactly the attributes the tag's handler accepts, no page for a tag that is gone, complete examples
 * that parse, and error codes that exist.
 */

const docs = new URL('../../../docs/', import.meta.url).pathname
const tagPages = join(docs, 'tags')

const pageOf = (tag: string) => join(tagPages, `${tag}.md`)

/** Every Markdown file under `docs/`, as paths. */
function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return markdownFiles(path)
    return entry.name.endsWith('.md') ? [path] : []
  })
}

/** The text of a `## <title>` section, up to the next `## ` heading. */
function section(page: string, title: string): string | undefined {
  const start = page.indexOf(`\n## ${title}\n`)
  if (start === -1) return undefined
  const body = page.slice(start + title.length + 5)
  const end = body.search(/\n## /)
  return end === -1 ? body : body.slice(0, end)
}

/**
 * The attribute names of a page's `## Attributes` table: every backticked name in the first cell of
 * each row (`on-complete` / `onComplete` names both spellings). A section reading `None.` names none.
 */
function documentedAttributes(page: string): string[] | undefined {
  const text = section(page, 'Attributes')
  if (text === undefined) return undefined
  if (text.trim().startsWith('None.')) return []
  const names: string[] = []
  for (const line of text.split('\n')) {
    const first = /^\|([^|]*)\|/.exec(line)?.[1]
    if (first === undefined || !first.includes('`')) continue
    for (const match of first.matchAll(/`([^`]+)`/g)) names.push(match[1] as string)
  }
  return names
}

/** Fenced `xml` blocks that are whole documents: their first element is a root `q:` tag. */
function completeExamples(page: string): string[] {
  const blocks = [...page.matchAll(/```xml\n([\s\S]*?)```/g)].map((match) => match[1] as string)
  return blocks.filter((block) =>
    /^<q:(component|application|job)\b/.test(block.replace(/<!--[\s\S]*?-->/g, '').trimStart()),
  )
}

const tags = builtinTags.map((handler) => handler.tag).sort()

describe('docs/tags', () => {
  it.each(tags)('q:%s has a page whose attribute table is what the parser accepts', (tag) => {
    const handler = builtinTags.find((candidate) => candidate.tag === tag)
    const file = pageOf(tag)
    expect(existsSync(file), `docs/tags/${tag}.md is missing`).toBe(true)
    const page = readFileSync(file, 'utf8')
    expect(page.split('\n')[0]).toBe(`# q:${tag}`)
    const documented = documentedAttributes(page)
    expect(documented, `docs/tags/${tag}.md has no "## Attributes" section`).toBeDefined()
    expect([...new Set(documented)].sort()).toEqual([...(handler?.attributes ?? [])].sort())
  })

  it('has no page for a tag the parser does not know, and the index links every page', () => {
    const pages = readdirSync(tagPages)
      .filter((name) => name.endsWith('.md') && name !== 'README.md')
      .map((name) => name.slice(0, -3))
      .sort()
    expect(pages).toEqual(tags)
    const index = readFileSync(join(tagPages, 'README.md'), 'utf8')
    for (const tag of tags) expect(index).toContain(`[q:${tag}](${tag}.md)`)
  })
})

describe('docs examples and codes', () => {
  const files = markdownFiles(docs).sort()
  const examples = files.flatMap((file) =>
    completeExamples(readFileSync(file, 'utf8')).map((source, i): [string, string] => [
      `${relative(docs, file)} #${i + 1}`,
      source,
    ]),
  )

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(tags.length)
  })

  it.each(examples)('%s parses without a problem', (name, source) => {
    const { diagnostics } = check(source, { file: name })
    expect(diagnostics.map((error) => `${error.location} ${error.code} ${error.message}`)).toEqual([])
  })

  it('names only error codes that exist', () => {
    const known = new Set<string>(Object.values(ErrorCodes))
    const pattern = /\b(?:PARSE|RUNTIME|SCHEDULE|THREAD|QUEUE|CLI|STORE|DOCUMENT)_[A-Z_]+\b/g
    const unknown = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(pattern)]
        .map((match) => match[0])
        .filter((code) => !known.has(code))
        .map((code) => `${relative(docs, file)}: ${code}`),
    )
    expect(unknown).toEqual([])
  })
})
