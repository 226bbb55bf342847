/** Several messages sent as one: what one side of the pool sent in one turn of its event loop. */
export interface Batch<T> {
  type: 'batch'
  messages: T[]
}

/**
 * The messages one side of the pool sends the other. When the other side waits on nothing else (`waited`
 * says so: one body or none), a message goes at once. Otherwise the turn's messages wait for its end and
 * go together: one hand-off and one wake-up instead of one each.
 */
export class Outbox<T> {
  #messages: T[] = []

  constructor(
    private readonly deliver: (message: T | Batch<T>) => void,
    private readonly waited: () => boolean,
  ) {}

  post(message: T): void {
    this.#messages.push(message)
    if (this.waited()) this.flush()
    else if (this.#messages.length === 1) setImmediate(() => this.flush())
  }

  /** Sends what waits now. */
  flush(): void {
    const messages = this.#messages
    if (messages.length === 0) return
    this.#messages = []
    this.deliver(messages.length === 1 ? (messages[0] as T) : { type: 'batch', messages })
  }
}
