import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { QuantumError } from '@quantum/ast'
import { isLoopback, parsePlaygroundArgs } from './args'
import { openDeployment } from './deployment'
import { startServer } from './server'

/**
 * `playground [--home DIR | --redis URL [--prefix P]] [--read-only] [--host H] [--port N]`: serves the
 * API over a deployment and prints its URL. Exit 2 on a usage error, 1 when the store cannot be opened.
 */
async function main(argv: readonly string[]): Promise<number> {
  let args: ReturnType<typeof parsePlaygroundArgs>
  try {
    args = parsePlaygroundArgs(argv)
  } catch (error) {
    process.stderr.write(`error ${(error as QuantumError).code}: ${(error as Error).message}\n`)
    return 2
  }
  if (!isLoopback(args.host)) {
    process.stderr.write(
      `warning: listening on ${args.host}, not only on this machine: anyone who reaches it can see this deployment\n`,
    )
  }
  // Until the engine of playground mode is built, the playground shows its own state folder.
  const target = args.target ?? { kind: 'sqlite' as const, home: ownStateFolder() }
  // `pnpm --filter playground start -- --home DIR` runs here, in apps/playground: DIR is meant from
  // where the user typed it, which pnpm passes as INIT_CWD.
  if (target.kind === 'sqlite') target.home = resolve(process.env.INIT_CWD || process.cwd(), target.home)
  const deployment = await openDeployment(target, (error) =>
    process.stderr.write(`playground: ${error.message}\n`),
  )
  const server = await startServer({ deployment, host: args.host, port: args.port, readOnly: args.readOnly })
  process.stdout.write(`${server.url}\n`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await server.close()
  await deployment.close()
  return 0
}

function ownStateFolder(): string {
  return join(fileURLToPath(new URL('..', import.meta.url)), '.quantum')
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    const coded = QuantumError.is(error)
    process.stderr.write(
      coded
        ? `error ${error.code}: ${error.message}\n`
        : `error: ${(error as Error)?.stack ?? String(error)}\n`,
    )
    process.exitCode = 1
  },
)
