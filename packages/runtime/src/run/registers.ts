/**
 * The key of one kind of per-run state a tag keeps (liquidjs's `registers`): the states of the run's
 * threads, the collectors of open batches. The key object itself is the identity, so two tags can
 * never share a slot by accident.
 */
export interface Register<T> {
  /** What the state is, for reading code and debugging. */
  readonly description: string
  /** Makes the state the first time a run asks for it. */
  create(): T
}

/** A register key; keep it in a module constant and reach the state with `ctx.run.registers.get(key)`. */
export function defineRegister<T>(description: string, create: () => T): Register<T> {
  return { description, create }
}

/** The registers of one run: each tag's own state, made on first use and gone with the run. */
export class Registers {
  private readonly values = new Map<Register<unknown>, unknown>()

  /** The run's state for `key`, made now if the run has none yet. */
  get<T>(key: Register<T>): T {
    if (this.values.has(key)) return this.values.get(key) as T
    const value = key.create()
    this.values.set(key, value)
    return value
  }
}
