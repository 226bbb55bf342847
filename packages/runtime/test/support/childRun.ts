import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Limits } from '../../src/index'
import type { DatasourceConfig } from '../../src/services'

/** What a run in a child process ended with, and the child's peak resident memory. */
export interface ChildOutcome {
  result?: unknown
  code?: string
  location?: string
  message?: string
  /** The child's peak resident set, in MB (`process.resourceUsage().maxRSS`). */
  peakMb: number
  ms: number
}

/** What the child runs: a component body on the given datasources (the default `db` in `home`). */
export interface ChildRun {
  source: string
  home: string
  datasources?: Record<string, DatasourceConfig>
  limits?: Partial<Limits>
}

const CHILD = fileURLToPath(new URL('./runChild.ts', import.meta.url))
const PACKAGE = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Runs `run` in a child Node with a `heapMb` heap, so that a run that would abort the process (a heap
 * out of memory) fails the test instead of the test runner; killed after `timeoutMs`.
 */
export function runInChild(
  run: ChildRun,
  options: { heapMb: number; timeoutMs: number },
): Promise<ChildOutcome> {
  const started = performance.now()
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', `--max-old-space-size=${options.heapMb}`, CHILD, JSON.stringify(run)],
    { cwd: PACKAGE, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (status, signal) => {
      clearTimeout(timer)
      const ms = performance.now() - started
      if (status !== 0) {
        reject(
          new Error(
            `the child ended with ${signal ?? status} after ${Math.round(ms)} ms: ${stderr.slice(-2000)}`,
          ),
        )
        return
      }
      resolve({ ...(JSON.parse(stdout) as Omit<ChildOutcome, 'ms'>), ms })
    })
  })
}
