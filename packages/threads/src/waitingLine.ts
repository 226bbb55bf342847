import type { ThreadPriority } from '@quantum/ast'

const ORDER: readonly ThreadPriority[] = ['high', 'normal', 'low']

/**
 * The bodies waiting for a free slot: high priority first, first-in first-out within one priority
 * (piscina's `TaskQueue` shape: `size`, `push`, `shift`, `remove`).
 */
export class WaitingLine<T> {
  private readonly lines: Record<ThreadPriority, T[]> = { high: [], normal: [], low: [] }

  get size(): number {
    return this.lines.high.length + this.lines.normal.length + this.lines.low.length
  }

  push(item: T, priority: ThreadPriority) {
    this.lines[priority].push(item)
  }

  /** The next body to start, or undefined when none waits. */
  shift(): T | undefined {
    for (const priority of ORDER) {
      const line = this.lines[priority]
      if (line.length > 0) return line.shift()
    }
    return undefined
  }

  /** Take a body out of the line (it was stopped before it started); false when it was not waiting. */
  remove(item: T): boolean {
    for (const priority of ORDER) {
      const line = this.lines[priority]
      const index = line.indexOf(item)
      if (index >= 0) {
        line.splice(index, 1)
        return true
      }
    }
    return false
  }

  /** Empty the line, giving back what waited in the order it would have started. */
  drain(): T[] {
    const items = ORDER.flatMap((priority) => this.lines[priority])
    for (const priority of ORDER) this.lines[priority] = []
    return items
  }
}
