import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { REDIS_URL } from '../redisAdmin'

/** A TCP proxy to the test Redis that can be cut (every connection dropped, new ones refused) and mended. */
export async function redisProxy(): Promise<{
  url: string
  cut(): void
  mend(): void
  close(): Promise<void>
}> {
  const target = new URL(REDIS_URL)
  const sockets = new Set<Socket>()
  let down = false
  const server: Server = createServer((client) => {
    if (down) return void client.destroy()
    const upstream = createConnection(Number(target.port || 6379), target.hostname)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => {})
    }
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return {
    url: `redis://127.0.0.1:${port}`,
    cut() {
      down = true
      for (const socket of sockets) socket.destroy()
    },
    mend() {
      down = false
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
