import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from './app'
import { isWildcard } from './args'
import type { Deployment } from './deployment'
import { LiveHub } from './liveHub'

/** What starting the server needs. */
export interface ServerOptions {
  deployment: Deployment
  host: string
  /** 0 picks any free port. */
  port: number
  readOnly: boolean
  /** Where internal errors and problems nobody waits for go. @defaultValue stderr */
  log?: (message: string) => void
}

/** A running server. */
export interface PlaygroundServer {
  /** `http://<host>:<port>`, the address to open. */
  url: string
  port: number
  /** The per-start token actions carry (a same-origin page reads it from `GET /api/session`). */
  token: string
  /** Stops the live feed and the server, ending open event streams; the deployment stays open. */
  close(): Promise<void>
}

/** Starts the API on `host:port` over an attached deployment. */
export async function startServer(options: ServerOptions): Promise<PlaygroundServer> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`))
  const hub = new LiveHub(options.deployment, (error) => log(`playground: ${error.message}`))
  const token = randomBytes(24).toString('base64url')
  // The port is known only once bound, and the Host check needs it: the app is built on first request.
  let port = 0
  let app: ReturnType<typeof createApp> | undefined
  const server = serve({
    hostname: options.host,
    port: options.port,
    fetch: (request, env) => {
      app ??= createApp({ ...options, port, token, hub, log })
      return app.fetch(request, env)
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  port = (server.address() as AddressInfo).port
  // Bound to every interface, the address to open on this machine is still the loopback one.
  const shown = isWildcard(options.host)
    ? '127.0.0.1'
    : options.host.includes(':')
      ? `[${options.host}]`
      : options.host
  return {
    url: `http://${shown}:${port}`,
    port,
    token,
    close: async () => {
      await hub.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        if ('closeAllConnections' in server) server.closeAllConnections()
      })
    },
  }
}
