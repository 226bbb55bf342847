/**
 * The keys of one installation, all under `<prefix>:`. Names go last in a key, so a name with `:` in
 * it can only meet keys of its own family, where names are unique anyway.
 */
export class Keys {
  readonly prefix: string

  constructor(prefix: string) {
    this.prefix = prefix
  }

  /** Counter for schedule and job ids. */
  get ids(): string {
    return `${this.prefix}:ids`
  }

  /** Set of the names of one kind (`schedules`, `jobs`). */
  names(kind: 'schedule' | 'job'): string {
    return `${this.prefix}:${kind}s`
  }

  /** Hash of one schedule or job definition and its state (fields named as the SQLite columns). */
  entry(kind: 'schedule' | 'job', name: string): string {
    return `${this.prefix}:${kind}:${name}`
  }

  /** Counter for history ids. */
  get historySeq(): string {
    return `${this.prefix}:history:seq`
  }

  /** Sorted set of every history id (score: the id). */
  get history(): string {
    return `${this.prefix}:history:all`
  }

  /** Sorted set of history ids by recording time (score: ms since the epoch), for retention by age. */
  get historyByAge(): string {
    return `${this.prefix}:history:age`
  }

  /** Prefix of one history row's key (`…:history:row:<id>`, JSON). */
  get historyRow(): string {
    return `${this.prefix}:history:row:`
  }

  /** Prefix of the sorted set of one name's history ids (`…:history:name:<name>`). */
  get historyName(): string {
    return `${this.prefix}:history:name:`
  }

  lock(key: string): string {
    return `${this.prefix}:lock:${key}`
  }

  /** Sorted set of worker ids (score: expiry in ms). */
  get workers(): string {
    return `${this.prefix}:workers`
  }

  /** Prefix of one worker's key (JSON, expiring with its heartbeat). */
  get worker(): string {
    return `${this.prefix}:worker:`
  }

  /** The pub/sub channel a recording publishes the newest history id it added on. */
  get runs(): string {
    return `${this.prefix}:history:recorded`
  }

  /** The pub/sub channel of control events. */
  get control(): string {
    return `${this.prefix}:control`
  }
}
