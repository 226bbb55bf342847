import type { QueueAdapter } from '../../src/contract'

/** Options every adapter takes for the suite (short leases so dead workers are found quickly). */
export interface OpenOptions {
  leaseMs?: number
}

/** One isolated queue (a temp folder, a key prefix): every adapter opened sees the same jobs. */
export interface QueueHarness {
  open(options?: OpenOptions): Promise<QueueAdapter>
  /** How a child process (`test/fixtures/worker.mjs`) opens the same queue. */
  childConfig(options?: OpenOptions): Record<string, unknown>
  cleanup(): Promise<void>
}

export type HarnessFactory = () => Promise<QueueHarness>
