// `pnpm quantum …` at the repository root: builds the CLI and the packages it uses, quietly (turbo's
// output is shown only when the build fails), then runs the built CLI with the arguments given, in this
// process (Ctrl-C reaches it as it reaches `quantum`).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const build = spawnSync('turbo', ['run', 'build', '--filter=@quantum/cli...', '--output-logs=errors-only'], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
})
if (build.status !== 0) {
  process.stderr.write(
    `${build.stdout ?? ''}${build.stderr ?? ''}${build.error ? `${build.error.message}\n` : ''}`,
  )
  process.stderr.write('pnpm quantum: building the CLI failed (above); nothing was run.\n')
  process.exit(build.status ?? 1)
}
await import('../dist/bin.js')
