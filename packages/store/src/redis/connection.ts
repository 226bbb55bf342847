import type { RedisClientType } from 'redis'
import { peerUnavailable, storeUnavailable } from '../internal/errors'

/** The node-redis client the store uses (RESP as configured by the client's defaults). */
export type Client = RedisClientType

type CreateClient = (options: object) => Client

/** Loads `redis` (an optional peer) only when a Redis store is opened. */
export async function loadRedis(): Promise<CreateClient> {
  try {
    return (await import('redis')).createClient as unknown as CreateClient
  } catch (error) {
    throw peerUnavailable('redis', error)
  }
}

/**
 * Connects a client that fails fast when Redis does not answer at first, and once connected
 * reconnects on its own (commands wait meanwhile). Connection errors go to `onError` once per outage.
 */
export async function connect(options: {
  createClient: CreateClient
  url: string
  /** Shown by `CLIENT LIST`, so an operator can tell the store's connections apart. */
  name: string
  onError: (error: Error) => void
  connectTimeoutMs: number
}): Promise<Client> {
  const { createClient, url, onError, connectTimeoutMs } = options
  let ready = false
  let reported = false
  const client = createClient({
    url,
    name: options.name.replace(/[^\x21-\x7e]/g, '_'),
    socket: {
      connectTimeout: connectTimeoutMs,
      reconnectStrategy: (retries: number, cause: Error) =>
        ready ? Math.min(100 * 2 ** Math.min(retries, 5), 2000) : cause,
    },
  })
  client.on('error', (error: Error) => {
    if (!ready || reported) return
    reported = true
    onError(
      storeUnavailable(
        `Lost the connection to Redis at ${redact(url)}: ${error.message}`,
        { url: redact(url) },
        error,
      ),
    )
  })
  client.on('ready', () => {
    reported = false
  })
  try {
    await client.connect()
  } catch (error) {
    client.destroy()
    throw storeUnavailable(
      `Cannot connect to Redis at ${redact(url)}: ${(error as Error).message}`,
      { url: redact(url) },
      error,
    )
  }
  ready = true
  return client
}

/** A URL as it may be shown: without its password. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return url
  }
}

/** Runs a script by its SHA, loading it first (again, after a Redis restart or SCRIPT FLUSH). */
export class Scripts {
  readonly #client: Client
  readonly #shas = new Map<string, string>()

  constructor(client: Client) {
    this.#client = client
  }

  async run(script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    const options = { keys, arguments: args.map(String) }
    let sha = this.#shas.get(script)
    if (sha) {
      try {
        return await this.#client.evalSha(sha, options)
      } catch (error) {
        if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error
      }
    }
    sha = await this.#client.scriptLoad(script)
    this.#shas.set(script, sha)
    return this.#client.evalSha(sha, options)
  }
}
