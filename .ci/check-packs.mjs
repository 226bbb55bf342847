// Packs every public workspace package of the folder it runs in (a throwaway copy after `changeset
// version`) and fails when one would not install for a user: versions that differ (they are released
// together), an internal dependency left as `workspace:` or not at the version released with it, a
// dependency on a private package, or a file that `exports`, `main`, `types` or `bin` names missing
// from the tarball.
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'

const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 })
const workspace = JSON.parse(run('pnpm', ['-r', 'ls', '--json', '--depth', '-1'], process.cwd()))
const privateNames = new Set(workspace.filter((p) => p.private).map((p) => p.name))
const released = workspace.filter((p) => !p.private)
const versionOf = new Map(released.map((p) => [p.name, p.version]))
const packs = mkdtempSync(join(process.cwd(), '.packs-'))
const problems = []

const versions = new Set(released.map((p) => p.version))
if (versions.size !== 1) {
  problems.push(
    `published packages differ in version: ${released.map((p) => `${p.name}@${p.version}`).join(', ')}`,
  )
}

for (const { name, path } of released) {
  const [{ filename }] = [
    JSON.parse(run('pnpm', ['pack', '--json', '--pack-destination', packs], path)),
  ].flat()
  const manifest = JSON.parse(run('tar', ['-xzOf', filename, 'package/package.json']))
  const files = new Set(run('tar', ['-tzf', filename]).split('\n').filter(Boolean))
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (privateNames.has(dependency)) problems.push(`${name}: ${field} names the private ${dependency}`)
      else if (range.startsWith('workspace:'))
        problems.push(`${name}: ${field}.${dependency} is still ${range}`)
      else if (versionOf.has(dependency) && range.replace(/^[\^~]/, '') !== versionOf.get(dependency)) {
        problems.push(
          `${name}: ${field}.${dependency} is ${range}, released version is ${versionOf.get(dependency)}`,
        )
      }
    }
  }
  const named = [
    manifest.main,
    manifest.module,
    manifest.types,
    ...leaves(manifest.exports),
    ...leaves(manifest.bin),
  ]
  for (const file of named.filter((f) => typeof f === 'string' && !f.includes('*'))) {
    if (!files.has(`package/${file.replace(/^\.\//, '')}`))
      problems.push(`${name}: ${file} is not in the tarball`)
  }
  console.log(`release: ${name}@${manifest.version} packs ${files.size} files`)
}

function leaves(value) {
  if (value === undefined || value === null) return []
  if (typeof value === 'string') return [value]
  return Object.values(value).flatMap(leaves)
}

for (const problem of problems) console.error(`release: ${problem}`)
process.exitCode = problems.length === 0 ? 0 : 1
