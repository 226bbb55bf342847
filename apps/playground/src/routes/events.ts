import type { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { LiveEvent, LiveHub } from '../liveHub'

/** A comment line every so often keeps proxies and idle timeouts from closing a quiet stream. */
const KEEPALIVE_MS = 15_000

/**
 * `GET /api/events`: server-sent events. `ready` first (once the deployment is being watched), then what
 * the {@link LiveHub} pushes, in the order it heard it, each with a rising `id`.
 */
export function eventRoutes(app: Hono, hub: LiveHub): void {
  app.get('/api/events', async (c) => {
    const queued: LiveEvent[] = []
    let wake: (() => void) | undefined
    // Watching starts before the stream does: a store that cannot be watched is a coded JSON error.
    const unsubscribe = await hub.subscribe((event) => {
      queued.push(event)
      wake?.()
    })
    return streamSSE(c, async (stream) => {
      let id = 0
      let open = true
      stream.onAbort(() => {
        open = false
        wake?.()
      })
      const keepalive = setInterval(() => {
        stream.write(': keepalive\n\n').catch(() => undefined)
      }, KEEPALIVE_MS)
      try {
        await stream.writeSSE({
          event: 'ready',
          data: JSON.stringify({ at: new Date().toISOString() }),
          id: `${id++}`,
        })
        while (open) {
          const event = queued.shift()
          if (event) {
            await stream.writeSSE({ event: event.event, data: JSON.stringify(event.data), id: `${id++}` })
            continue
          }
          await new Promise<void>((resolve) => {
            wake = resolve
          })
          wake = undefined
        }
      } finally {
        clearInterval(keepalive)
        await unsubscribe()
      }
    })
  })
}
