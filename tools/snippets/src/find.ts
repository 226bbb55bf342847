import { readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

const SKIPPED = new Set(['node_modules', 'dist', '.git', '.turbo', '.quantum', 'coverage'])

/**
 * The Markdown files whose snippets are checked: every README.md of the repository, and every .md under
 * docs/. Relative to `root`, `/`-separated, sorted.
 */
export function findMarkdown(root: string): string[] {
  const found: string[] = []
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile() && isChecked(relative(root, path).split(sep).join('/'))) found.push(path)
    }
  }
  walk(root)
  return found.map((path) => relative(root, path).split(sep).join('/')).sort()
}

function isChecked(file: string): boolean {
  return (
    file.endsWith('/README.md') || file === 'README.md' || (file.startsWith('docs/') && file.endsWith('.md'))
  )
}
