/**
 * `pnpm --filter @quantum/snippets check`: type-checks every README's and docs/ page's TypeScript
 * snippets against the built packages, lists the ones marked not-checked, and exits 1 on any problem.
 */
import { fileURLToPath } from 'node:url'
import { checkSnippets } from './check.js'
import { findMarkdown } from './find.js'

const packageDir = fileURLToPath(new URL('..', import.meta.url))
const root = fileURLToPath(new URL('../../..', import.meta.url))
const report = checkSnippets(root, findMarkdown(root), packageDir)
for (const problem of report.problems) console.error(problem)
for (const snippet of report.notChecked) {
  console.log(`not checked: ${snippet.file}:${snippet.line} (${snippet.notChecked})`)
}
console.log(
  `snippets: ${report.checked.length} checked, ${report.notChecked.length} not checked, ${report.problems.length} problems`,
)
process.exitCode = report.problems.length === 0 ? 0 : 1
