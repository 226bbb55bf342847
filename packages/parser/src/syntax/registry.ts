import type { SyntaxHandler } from './handler'

/** A handler for any node type, as the registry stores it. */
// biome-ignore lint/suspicious/noExplicitAny: handlers for different node types share one map
export type AnySyntaxHandler = SyntaxHandler<any>

/**
 * The tags a parser knows. Built-ins are installed through the same `register` a plugin calls;
 * registering a tag again replaces it.
 */
export class TagRegistry {
  private readonly handlers = new Map<string, AnySyntaxHandler>()

  constructor(handlers: Iterable<AnySyntaxHandler> = []) {
    for (const handler of handlers) this.register(handler)
  }

  /** Add or replace the handler for `handler.tag`. */
  register(handler: AnySyntaxHandler): this {
    this.handlers.set(handler.tag, handler)
    return this
  }

  /** Install a group of tags. */
  plugin(install: (registry: TagRegistry) => void): this {
    install(this)
    return this
  }

  get(tag: string): AnySyntaxHandler | undefined {
    return this.handlers.get(tag)
  }

  /** Known tag names, sorted. */
  tags(): string[] {
    return [...this.handlers.keys()].sort()
  }
}
