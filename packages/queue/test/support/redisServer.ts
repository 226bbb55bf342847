import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** A redis-server this test owns, on its own port, saving to `dir` only when shut down. */
export interface RedisServer {
  url: string
  /** `SHUTDOWN SAVE`: the data survives into the next {@link start}. */
  stop(): Promise<void>
  start(): Promise<void>
}

export function redisServer(port: number, dir: string): RedisServer {
  let child: ChildProcess | undefined
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const started = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      )
      child = started
      await new Promise<void>((resolve, reject) => {
        let output = ''
        started.stdout?.on('data', (chunk: Buffer) => {
          output += chunk.toString()
          if (output.includes('Ready to accept connections')) resolve()
        })
        started.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)))
      })
      started.stdout?.resume()
    },
    async stop() {
      const running = child
      if (!running || running.exitCode !== null) return
      const exited = new Promise((resolve) => running.once('exit', resolve))
      await run('redis-cli', ['-p', String(port), 'shutdown', 'save']).catch(() => running.kill('SIGTERM'))
      await exited
      child = undefined
    },
  }
  return server
}
