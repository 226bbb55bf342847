import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { REDIS_URL, type RedisAdmin, redisAdmin, uniquePrefix } from './support/redisAdmin'

/**
 * What a user gets from the registry: `@quantum/queue` and its internal dependencies packed with
 * `pnpm pack` (workspace ranges rewritten, only `files` shipped), installed with npm into an empty
 * project, then the README's snippet run there as a plain Node program. A missing file in `files`, an
 * export that points nowhere or a dependency left out fails here, not for the user.
 */

const run = promisify(execFile)
const packages = fileURLToPath(new URL('../../', import.meta.url))
const fixture = fileURLToPath(new URL('./fixtures/packed/run.mjs', import.meta.url))
const PACKED = ['ast', 'time', 'runtime', 'store', 'queue']

let dir: string
let admin: RedisAdmin
const prefix = uniquePrefix()

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quantum-pack-'))
  admin = await redisAdmin()
})

afterAll(async () => {
  await admin.deletePrefix(prefix)
  await admin.close()
  rmSync(dir, { recursive: true, force: true })
})

it('installs from packed tarballs into an empty project with npm and runs a job there', async () => {
  const tarballs = join(dir, 'tarballs')
  const project = join(dir, 'project')
  mkdirSync(tarballs)
  mkdirSync(project)
  for (const name of PACKED) {
    await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: join(packages, name) })
  }
  const files = readdirSync(tarballs).map((file) => join(tarballs, file))
  expect(files).toHaveLength(PACKED.length)
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'user-app', private: true, type: 'module' }),
  )
  // The registry is reached only for third-party packages (bee-queue, the runtime's own dependencies).
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...files, 'bee-queue@2.0.0'], {
    cwd: project,
  })
  copyFileSync(fixture, join(project, 'run.mjs'))
  const { stdout } = await run(process.execPath, ['run.mjs', REDIS_URL, prefix], { cwd: project })
  expect(JSON.parse(stdout)).toEqual({ status: 'completed', result: 'sent to ann@example.com' })
}, 300_000)
