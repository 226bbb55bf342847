import type { JobDefinition, ScheduleDefinition, Store, StoreOptions } from '../../src/index'

/** One test's isolated data (a temp folder, a key prefix) and the stores opened on it. */
export interface StoreHarness {
  /** Opens a store on this test's data; every call is another instance with its own connection. */
  open(options?: StoreOptions): Promise<Store>
  /** Deletes this test's data. The suite closes the stores first. */
  cleanup(): Promise<void>
}

/** Makes a fresh harness for each test. */
export type HarnessFactory = () => Promise<StoreHarness>

const position = { start: { line: 3, column: 5, offset: 40 }, end: { line: 5, column: 17, offset: 120 } }

/** A schedule definition as the runtime registers one: a body with a function, a snapshot. */
export function scheduleDefinition(
  name: string,
  overrides: Partial<ScheduleDefinition> = {},
): ScheduleDefinition {
  return {
    name,
    trigger: { kind: 'interval', everyMs: 1000 },
    timezone: 'UTC',
    retry: 3,
    overlap: false,
    enabled: true,
    misfire: 'run-once',
    body: [{ type: 'log', position, level: 'info', message: { type: 'template', parts: ['tick ', 'ü'] } }],
    functions: [],
    file: 'app/cleanup.q',
    snapshot: { counter: 0, label: 'start' },
    ...overrides,
  }
}

/** A job definition as the runtime defines one. */
export function jobDefinition(name: string, overrides: Partial<JobDefinition> = {}): JobDefinition {
  return {
    name,
    queue: 'default',
    params: [],
    attempts: 3,
    backoff: { kind: 'exponential', delay: 1000 },
    priority: 0,
    body: [],
    functions: [],
    snapshot: {},
    ...overrides,
  }
}

/** Resolves when `predicate` holds, polling every 10 ms; rejects after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** UTC ISO 8601 with milliseconds and `Z`, as every timestamp the store returns. */
export const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
