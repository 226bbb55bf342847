import type { SerializedError } from '@quantum/ast'
import type { ThreadInfo } from '../jobs/types'

/**
 * What crosses between a body running in a worker thread and its host, for the services only the host
 * has (the job queue, the schedule store, the thread pool, the parser behind `Sources`). Every message carries `bridge`, so a
 * channel that also carries its own messages tells them apart with {@link isBridgeMessage}.
 */

/** The services a host can lend to bodies in its worker threads. */
export type HostServiceName = 'jobs' | 'schedules' | 'threads' | 'sources'

/** Body → host: call one method of one lent service, for the body (or run) `scope`. */
export interface HostCall {
  bridge: 'call'
  call: number
  scope: string
  service: HostServiceName
  method: string
  args: unknown[]
}

/** Host → body: how a call ended. */
export type HostReply =
  | { bridge: 'reply'; call: number; ok: true; value: unknown }
  | { bridge: 'reply'; call: number; ok: false; error: SerializedError }

/** Host → body: a thread the scope started has ended; run its `settled` callback, then acknowledge. */
export interface HostSettled {
  bridge: 'settled'
  ack: number
  scope: string
  info: ThreadInfo
}

/** Body → host: the `settled` callback numbered `ack` has run. */
export interface HostAck {
  bridge: 'ack'
  ack: number
}

/** Body → host: the scope's body has ended; its thread service may go once its threads have. */
export interface HostScopeEnd {
  bridge: 'end'
  scope: string
}

export type ToHost = HostCall | HostAck | HostScopeEnd
export type FromHost = HostReply | HostSettled

/** Whether `message` belongs to the host bridge (and not to the channel's own protocol). */
export function isBridgeMessage(message: unknown): message is ToHost | FromHost {
  return typeof message === 'object' && message !== null && 'bridge' in message
}
