import type { CliIO } from '../src/io'
import { main } from '../src/main'

/** What one in-process run of the CLI printed and returned. */
export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

/** Run `quantum ...args` in-process, capturing its output. */
export async function run(
  args: string[],
  options: { cwd: string; env?: CliIO['env']; isTTY?: boolean; signal?: AbortSignal },
): Promise<RunResult> {
  let stdout = ''
  let stderr = ''
  const io: CliIO = {
    stdout: {
      write: (text: string) => {
        stdout += text
      },
      isTTY: options.isTTY ?? false,
    },
    stderr: {
      write: (text: string) => {
        stderr += text
      },
    },
    env: options.env ?? {},
    cwd: options.cwd,
    ...(options.signal ? { signal: options.signal } : {}),
  }
  const code = await main(['node', 'quantum', ...args], io)
  return { code, stdout, stderr }
}
