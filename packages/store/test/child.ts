import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const script = fileURLToPath(new URL('./fixtures/storeClient.mjs', import.meta.url))
const built = fileURLToPath(new URL('../dist/sqlite.js', import.meta.url))

/** How a child process opens the store: the same data as the test's own stores. */
export type ChildStore = { kind: 'sqlite'; home: string } | { kind: 'redis'; url: string; prefix: string }

/**
 * Runs one store operation in a separate Node.js process against the built package (`dist`), starting
 * it at `startAt` so that several children act at once. Resolves with the operation's result and the
 * instant (ms since the epoch) it returned in the child.
 */
export function inChild(
  store: ChildStore,
  op: string,
  args: string[],
  startAt = 0,
): Promise<{ result: unknown; doneAt: number }> {
  if (!existsSync(built)) throw new Error('build @quantum/store first (pnpm --filter @quantum/store build)')
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script, JSON.stringify(store), String(startAt), op, ...args],
      { timeout: 20_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${op} in a child process failed: ${stderr || error.message}`))
        else resolve(JSON.parse(stdout))
      },
    )
  })
}
