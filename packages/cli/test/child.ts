import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The built binary: these tests run it as a user's shell would. */
export const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))

/** Fails early, with what to do, when the binary was not built. */
export function requireBuiltBin(): void {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run pnpm --filter @quantum/cli... build first`)
}

/** The environment of a child: this one's, without the settings a developer's shell may have. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const {
    QUANTUM_HOME: _,
    QUANTUM_REDIS_URL: __,
    NO_COLOR: ___,
    QUANTUM_MAIL_URL: ____,
    ...env
  } = process.env
  return { ...env, ...extra }
}

/** What a finished `quantum` child printed and returned. */
export interface ChildResult {
  code: number
  stdout: string
  stderr: string
}

/** Run `quantum ...args` to the end; past `timeoutMs` it is killed (code -1). */
export function quantum(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<ChildResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: options.cwd,
        env: childEnv(options.env),
        encoding: 'utf8',
        ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs, killSignal: 'SIGKILL' }),
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/** A long-running `quantum` child (a worker, `run --serve`) and what it has printed so far. */
export interface LiveChild {
  child: ChildProcessWithoutNullStreams
  stdout(): string
  stderr(): string
  /** Resolves with the exit code and signal. */
  exited: Promise<[number | null, NodeJS.Signals | null]>
  /** Resolves once stdout or stderr contains `text` (rejects if the child exits first). */
  printed(text: string | RegExp): Promise<void>
  /** Kills it with SIGKILL if it still runs (test cleanup). */
  kill(): Promise<void>
}

/** Start `quantum ...args` and keep it running. */
export function startQuantum(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): LiveChild {
  const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd, env: childEnv(options.env) })
  let stdout = ''
  let stderr = ''
  const waiting = new Set<() => void>()
  const check = () => {
    for (const waiter of waiting) waiter()
  }
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    check()
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
    check()
  })
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
  const running = () => child.exitCode === null && child.signalCode === null
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    printed(text) {
      const seen = () =>
        typeof text === 'string' ? (stdout + stderr).includes(text) : text.test(stdout + stderr)
      return new Promise((resolve, reject) => {
        const waiter = () => {
          if (!seen()) return
          waiting.delete(waiter)
          resolve()
        }
        waiting.add(waiter)
        waiter()
        void exited.then(() => {
          if (!waiting.has(waiter)) return
          waiting.delete(waiter)
          reject(new Error(`exited before printing ${text}:\n${stdout}\n${stderr}`))
        })
      })
    },
    async kill() {
      if (!running()) return
      child.kill('SIGKILL')
      await exited
    },
  }
}
