/**
 * @packageDocumentation
 * Where bodies run off the host's thread: long-lived body threads (`dist/bodyThread.js`) that load the
 * runtime and its services once and run many bodies each. {@link BodyWorkerSet} is the one piece of
 * code under `@quantum/threads`' pool and `@quantum/scheduler`'s fire workers: it starts and replaces
 * the threads, spreads bodies over them, stops a body and ends a thread that does not let it stop.
 * {@link liveWorkers} is the process's one registry of live body threads (what a leak check reads).
 */

export type { Seen, SeenFunction } from './workers/bodyCache'
export { BodyCache } from './workers/bodyCache'
export { bodyThreadFile } from './workers/bodyThreadFile'
export type { BodyWorker, BodyWorkerOptions, SpawnBodyThread, WorkerBody } from './workers/bodyWorker'
export type { BodyWorkerSetOptions } from './workers/bodyWorkerSet'
export { BodyWorkerSet, workerLostError } from './workers/bodyWorkerSet'
export { liveWorkers } from './workers/liveWorkers'
export type { BodyThreadData, WorkerResult } from './workers/protocol'
