import { spawn } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { appearsLive } from './compare'
import { repoRoot } from './markdown'

/** The built `quantum` binary of the workspace's @quantum/cli. */
export function quantumBin(): string {
  const manifestPath = createRequire(import.meta.url).resolve('@quantum/cli/package.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: { quantum: string } }
  const bin = join(dirname(manifestPath), manifest.bin.quantum)
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run pnpm build first`)
  return bin
}

/** What the repository's copy in a sandbox holds: what the docs' commands name. */
const COPIED = ['examples', 'apps/worker/app']

/** The demo's start command (`pnpm start` and `pnpm --filter worker start` run it in apps/worker). */
function workerStartScript(): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'apps/worker/package.json'), 'utf8')) as {
    scripts: { start: string }
  }
  return manifest.scripts.start
}

/** What a command printed, stdout and stderr together in the order written, as on a terminal. */
export interface Printed {
  text: string
  /** The exit code, or the signal that ended it. */
  exit: number | NodeJS.Signals
  /** Set when the command ran past its time and was killed. */
  timedOut?: boolean
}

/**
 * A user's terminal for one page: a fresh folder holding a copy of the repository's examples, demo app
 * and root `quantum.config.json` (so the state folder is the folder's own `.quantum`, found as at the
 * repository's root), and `quantum` and `pnpm` on the PATH. `pnpm quantum ARGS` runs the built binary as the root
 * script does, and `pnpm start` / `pnpm --filter worker start` the demo's start script in apps/worker;
 * any other `pnpm` command fails, so a doc cannot make the tests install or build.
 */
export class Sandbox {
  readonly root = mkdtempSync(join(tmpdir(), 'quantum-doc-'))
  readonly #env: NodeJS.ProcessEnv

  constructor() {
    for (const path of COPIED) cpSync(join(repoRoot, path), join(this.root, path), { recursive: true })
    // The root configuration, as a checkout has it: the nearest one to every command run here, so the
    // state folder is found in the sandbox (never in a folder above it), as a user at the root sees it.
    const config = join(repoRoot, 'quantum.config.json')
    writeFileSync(join(this.root, 'quantum.config.json'), existsSync(config) ? readFileSync(config) : '{}\n')
    const shims = join(this.root, '.bin')
    mkdirSync(shims)
    const quantum = join(shims, 'quantum')
    writeFileSync(quantum, `#!/bin/sh\nexec "${process.execPath}" "${quantumBin()}" "$@"\n`)
    const start = workerStartScript()
    const pnpm = join(shims, 'pnpm')
    writeFileSync(
      pnpm,
      `#!/bin/sh
case "$*" in
  start|"--filter worker start") cd "${this.root}/apps/worker" && exec sh -c '${start}' ;;
  quantum|"quantum "*) shift; exec quantum "$@" ;;
  *) echo "doc-tests: 'pnpm $*' is not run by the doc tests" >&2; exit 127 ;;
esac
`,
    )
    chmodSync(quantum, 0o755)
    chmodSync(pnpm, 0o755)
    // A developer's shell settings would change what the commands print.
    const unset = new Set([
      'QUANTUM_HOME',
      'QUANTUM_REDIS_URL',
      'QUANTUM_MAIL_URL',
      'NO_COLOR',
      'FORCE_COLOR',
    ])
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !unset.has(name)))
    this.#env = { ...env, PATH: `${shims}:${env.PATH ?? ''}` }
  }

  /** Writes a file the page shows (a `<!-- doc-test: file NAME -->` block) into the folder. */
  write(name: string, lines: string[]): void {
    const path = join(this.root, name)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, `${lines.join('\n')}\n`)
  }

  /**
   * Runs one command line with bash in the folder, as the user would type it. With `interruptAfter`,
   * Ctrl-C is pressed (SIGINT to the command's process group, as a terminal sends it) once those lines
   * have been printed (compared as a live block's lines are).
   */
  run(
    command: string,
    options: {
      interruptAfter?: string[]
      /** Called with the output so far once `interruptAfter` was printed, awaited before Ctrl-C. */
      beforeInterrupt?: (printed: string) => Promise<void>
      timeoutMs?: number
    } = {},
  ): Promise<Printed> {
    const timeoutMs = options.timeoutMs ?? 60_000
    return new Promise((resolve) => {
      const child = spawn('bash', ['-c', `exec 2>&1\n${command}`], {
        cwd: this.root,
        env: this.#env,
        detached: true,
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      let text = ''
      let interrupted = false
      let timedOut = false
      const group = (signal: NodeJS.Signals) => {
        try {
          process.kill(-(child.pid as number), signal)
        } catch {
          // The group is gone already.
        }
      }
      const timer = setTimeout(() => {
        timedOut = true
        group('SIGKILL')
      }, timeoutMs)
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk
        const wanted = options.interruptAfter
        if (!wanted || interrupted) return
        const complete = text
          .slice(0, text.lastIndexOf('\n') + 1)
          .split('\n')
          .slice(0, -1)
        if (appearsLive(wanted, complete)) {
          interrupted = true
          const hook = options.beforeInterrupt?.(text) ?? Promise.resolve()
          void hook.finally(() => group('SIGINT'))
        }
      })
      child.on('close', (code, signal) => {
        clearTimeout(timer)
        group('SIGKILL')
        resolve({ text, exit: code ?? signal ?? -1, ...(timedOut ? { timedOut } : {}) })
      })
    })
  }

  /** Deletes the folder (and whatever the commands left in it). */
  remove(): void {
    rmSync(this.root, { recursive: true, force: true })
  }
}
