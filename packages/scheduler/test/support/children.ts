import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url))

/** Pause or resume a schedule from a separate Node.js process on the same state folder. */
export function controlInChild(home: string, op: 'pause' | 'resume', name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [fixture('storeControl.mjs'), home, op, name],
      { timeout: 20_000 },
      (error, _out, err) =>
        error ? reject(new Error(`${op} in a child process failed: ${err || error.message}`)) : resolve(),
    )
  })
}

/** A worker process hosting a Redis installation's schedules; `stop` ends it and resolves with its stats. */
export interface WorkerProcess {
  ready: Promise<void>
  stop(): Promise<string>
}

export function redisWorker(url: string, prefix: string, id: string): WorkerProcess {
  const child: ChildProcess = spawn(process.execPath, [fixture('redisWorker.mjs'), url, prefix, id], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout?.on('data', (chunk) => {
    out += chunk
  })
  child.stderr?.on('data', (chunk) => {
    err += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const ready = new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (out.includes('ready')) {
        clearInterval(check)
        resolve()
      }
    }, 10)
    void exited.then(() => {
      clearInterval(check)
      reject(new Error(`worker ${id} exited before it was ready: ${err}`))
    })
  })
  return {
    ready,
    async stop() {
      child.kill('SIGTERM')
      const code = await exited
      if (code !== 0) throw new Error(`worker ${id} exited with ${code}: ${err}`)
      return out
    },
  }
}
