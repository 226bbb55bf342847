import { timingSafeEqual } from 'node:crypto'
import { networkInterfaces } from 'node:os'
import { ErrorCodes } from '@quantum/ast'
import type { MiddlewareHandler } from 'hono'
import { ApiError } from './apiError'
import { isWildcard } from './args'

/** The header an action carries the per-start token in. */
export const TOKEN_HEADER = 'x-quantum-token'

/** What the checks need to know about the running server. */
export interface SafetyOptions {
  /** The address the server is bound to, as given (`127.0.0.1`, `localhost`, `0.0.0.0`, `::1`…). */
  host: string
  port: number
  token: string
  readOnly: boolean
}

const SAFE_METHODS = new Set(['GET', 'HEAD'])

/**
 * Refuses, before any route runs: a `Host` that is not this server (a DNS-rebinding page reaches the
 * server under its own name), an `Origin` other than the server's own (a cross-site page; it could send
 * a request but not read the answer, and an action needs the token it cannot read), and any action
 * (a method other than GET) without the per-start token, or at all when read-only.
 */
export function safety(options: SafetyOptions): MiddlewareHandler {
  const hosts = allowedHosts(options)
  const expected = Buffer.from(options.token)
  return async (c, next) => {
    const host = (c.req.header('host') ?? '').toLowerCase()
    if (!hosts.has(host)) {
      throw new ApiError(403, ErrorCodes.PLAYGROUND_HOST, `Host '${host}' is not this server`)
    }
    const origin = c.req.header('origin')
    if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) {
      throw new ApiError(403, ErrorCodes.PLAYGROUND_ORIGIN, `Requests from ${origin} are refused`)
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      if (options.readOnly) {
        throw new ApiError(
          403,
          ErrorCodes.PLAYGROUND_READ_ONLY,
          'This playground is read-only: actions are refused',
        )
      }
      const given = Buffer.from(c.req.header(TOKEN_HEADER) ?? '')
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new ApiError(
          403,
          ErrorCodes.PLAYGROUND_TOKEN,
          `An action needs the ${TOKEN_HEADER} header with the token GET /api/session gives`,
        )
      }
    }
    await next()
  }
}

/**
 * The `Host` values that name this server: its bound address, `localhost`, `127.0.0.1` and `[::1]`, each
 * with the port; bound to every interface, also each interface's address (an IP literal cannot be
 * rebound to another server).
 */
function allowedHosts({ host, port }: SafetyOptions): Set<string> {
  const names = new Set([host.toLowerCase(), 'localhost', '127.0.0.1', '[::1]'])
  if (isWildcard(host)) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const { address } of addresses ?? []) names.add(address.toLowerCase())
    }
  }
  return new Set(
    [...names].map((name) => `${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${port}`),
  )
}
