import { createRequire } from 'node:module'
import type { Writable } from 'node:stream'
import type BeeQueue from 'bee-queue'

/**
 * The node_redis v3 client bee-queue creates and uses (bee-queue 2 depends on it). The adapter reaches
 * it only through the queue it opened, so no client type leaves the package and no second Redis client
 * library is loaded.
 */
export interface V3Client {
  send_command(
    command: string,
    args: unknown[],
    callback: (error: Error | null, reply: unknown) => void,
  ): void
  batch(commands: unknown[][]): { exec(callback: (error: Error | null, replies: unknown[]) => void): void }
  duplicate(): V3Client
  on(event: string, listener: (...args: never[]) => void): void
  removeListener(event: string, listener: (...args: never[]) => void): void
  quit(callback?: () => void): void
  end(flush: boolean): void
  readonly connected: boolean
}

/** The bee-queue constructor and the loader of its Lua scripts (reloaded after Redis restarts). */
export interface BeeModule {
  Queue: typeof BeeQueue
  /** Loads bee-queue's own Lua scripts into Redis's script cache (flushed when Redis restarts). */
  loadScripts(client: V3Client): Promise<void>
}

export async function loadBee(): Promise<BeeModule> {
  const Queue = (await import('bee-queue')).default
  // bee-queue calls its scripts by SHA only: after a Redis restart (empty script cache) every call would
  // fail with NOSCRIPT until something loads them again. Its own loader does exactly that.
  const require = createRequire(import.meta.url)
  const lua = require('bee-queue/lib/lua') as { buildCache(client: V3Client): Promise<void> }
  return { Queue, loadScripts: (client) => lua.buildCache(client) }
}

/** One command, as a promise. */
export function command<T = unknown>(client: V3Client, name: string, args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    client.send_command(name, args, (error, reply) => (error ? reject(error) : resolve(reply as T)))
  })
}

/**
 * Several commands in one round trip (not a transaction); resolves with every reply, or rejects with the
 * first command's error (node_redis puts those among the replies).
 */
export function pipeline(client: V3Client, commands: unknown[][]): Promise<unknown[]> {
  if (commands.length === 0) return Promise.resolve([])
  return new Promise((resolve, reject) => {
    client.batch(commands).exec((error, replies) => {
      const failed = error ?? replies.find((reply) => reply instanceof Error)
      if (failed) reject(failed)
      else resolve(replies)
    })
  })
}

/**
 * Makes the client write every command of one event-loop turn to its socket at once (as the modern
 * client does), instead of one system call per command: the adapter's takes and completions, for every
 * job in flight, share one write. Only the socket is corked: the client's own bookkeeping (replies
 * matched in order, reconnects) is untouched. Batchers register with {@link Turn.beforeWrite} to add
 * their one command for the turn just before the write goes out.
 */
export class Turn {
  readonly #inner: { stream: Writable; write(data: string): void }
  #corked: Writable | undefined
  #scheduled = false
  #before: (() => void)[] = []
  readonly #riders: (() => void)[] = []

  constructor(client: V3Client) {
    const inner = client as unknown as { stream: Writable; write(data: string): void }
    this.#inner = inner
    const write = inner.write
    const turn = this
    inner.write = function (data: string) {
      turn.#schedule()
      write.call(this, data)
    }
  }

  /** Runs `flush` once, at the end of this turn, before the turn's commands are written. */
  beforeWrite(flush: () => void): void {
    this.#before.push(flush)
    this.#schedule()
  }

  /** Makes this turn end as one that writes: its riders flush even if nothing else is written. */
  request(): void {
    this.#schedule()
  }

  /** Runs `flush` at the end of every turn that writes, before its commands: what may wait rides along. */
  ride(flush: () => void): void {
    this.#riders.push(flush)
  }

  #schedule(): void {
    if (this.#corked === undefined && this.#inner.stream.writable) {
      this.#corked = this.#inner.stream
      this.#corked.cork()
    }
    if (this.#scheduled) return
    this.#scheduled = true
    setImmediate(() => {
      this.#scheduled = false
      const before = this.#before
      this.#before = []
      for (const flush of before) flush()
      for (const flush of this.#riders) flush()
      const stream = this.#corked
      this.#corked = undefined
      stream?.uncork()
    })
  }
}
