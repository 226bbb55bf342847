import type { ControlEvent, ControlListener } from '../store'

/** The control listeners of one store; a listener that throws does not stop the others. */
export class Listeners {
  readonly #listeners = new Set<ControlListener>()
  readonly #onError: (error: Error) => void

  constructor(onError: (error: Error) => void) {
    this.#onError = onError
  }

  get size(): number {
    return this.#listeners.size
  }

  add(listener: ControlListener): void {
    this.#listeners.add(listener)
  }

  delete(listener: ControlListener): void {
    this.#listeners.delete(listener)
  }

  clear(): void {
    this.#listeners.clear()
  }

  emit(event: ControlEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event)
      } catch (error) {
        this.#onError(error instanceof Error ? error : new Error(String(error)))
      }
    }
  }
}

/** Where a store reports what no caller waits for, unless told otherwise. */
export function defaultOnError(error: Error): void {
  process.emitWarning(error)
}
