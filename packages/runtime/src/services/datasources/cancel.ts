import { queryAborted, queryTimedOut } from './errors'

/** When and how to stop a statement that is already running. */
export interface CancelOptions {
  datasource: string
  signal?: AbortSignal | undefined
  timeoutMs?: number | undefined
  /** Stops the statement on the server and discards its connection; called at most once. */
  cancel: () => void
}

/**
 * Settles with `work`, unless the signal aborts (`RUNTIME_ABORTED`) or `timeoutMs` passes
 * (`RUNTIME_QUERY`) first; either way `cancel` runs so the server stops too.
 */
export function whileNotCancelled<T>(work: Promise<T>, options: CancelOptions): Promise<T> {
  const { datasource, signal, timeoutMs, cancel } = options
  if (!signal && timeoutMs === undefined) return work
  // The losing side of the race still settles later; nobody is waiting for it any more.
  work.catch(() => {})
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined
    const stop = (error: Error) => {
      finish()
      try {
        cancel()
      } finally {
        reject(error)
      }
    }
    const onAbort = () => stop(queryAborted(datasource))
    const finish = () => {
      if (timer) clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    }
    if (signal?.aborted) return stop(queryAborted(datasource))
    signal?.addEventListener('abort', onAbort, { once: true })
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => stop(queryTimedOut(datasource, timeoutMs)), timeoutMs)
    }
    work.then(
      (value) => {
        finish()
        resolve(value)
      },
      (error: unknown) => {
        finish()
        reject(error)
      },
    )
  })
}

/**
 * Waits for a pooled connection unless the signal aborts first (a full pool can keep a statement
 * waiting). A connection that arrives after the abort goes straight back to the pool.
 */
export async function connectUnlessAborted<C>(
  connecting: Promise<C>,
  datasource: string,
  signal: AbortSignal | undefined,
  release: (connection: C) => void,
): Promise<C> {
  const connection = await whileNotCancelled(connecting, {
    datasource,
    signal,
    cancel: () => {
      connecting.then(release, () => {})
    },
  })
  if (signal?.aborted) {
    release(connection)
    throw queryAborted(datasource)
  }
  return connection
}
