import { once } from 'node:events'
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A real HTTP server on loopback. */
export interface LoopbackServer {
  server: Server
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  base: string
  /** Drop every connection, answered or not, and stop listening. */
  close(): Promise<void>
}

/** Start an HTTP server on 127.0.0.1 (a free port) that answers with `handler`. */
export async function startHttpServer(handler: RequestListener): Promise<LoopbackServer> {
  const server = createServer(handler)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    server,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
