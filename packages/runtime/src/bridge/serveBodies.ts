import { ErrorCodes, RuntimeError, type SerializedError } from '@quantum/ast'
import { serializeError } from '../jobs/crossing'
import type { JobService, ScheduleService, ThreadInfo, ThreadRequest, ThreadService } from '../jobs/types'
import type { Sources } from '../services/types'
import { type FromHost, type HostCall, type HostServiceName, isBridgeMessage, type ToHost } from './protocol'

/** The services a host lends to bodies that run in its worker threads. */
export interface BodyHost {
  /** `q:job` define and dispatch, on the host's queue. */
  jobs?: JobService
  /** `q:schedule` run, pause, resume and delete, on the host's store. */
  schedules?: ScheduleService
  /**
   * A fresh thread service for one body's threads: names belong to the body that starts them, as they
   * belong to one run on the host, so two bodies may each start a thread `t` (the host's pool runs both).
   */
  threads?: () => ThreadService
  /** Other components (`q:invoke component=`) and mail templates, parsed on the host (the runtime never parses). */
  sources?: Sources
}

/** The host's end of one worker thread's bridge. */
export interface BodyHostChannel {
  /** Handle a message from the worker; false when it is not a bridge message (the caller's own). */
  receive(message: unknown): boolean
  /** The worker has gone: callbacks it still owed are given up on. */
  close(): void
}

/** The names of the services `host` lends, for the worker to build stand-ins for. */
export function lentServices(host: BodyHost): HostServiceName[] {
  return (['jobs', 'schedules', 'threads', 'sources'] as const).filter((name) => host[name] !== undefined)
}

interface Scope {
  threads: ThreadService
  /** Threads started and not settled yet. */
  live: number
  ended: boolean
}

/**
 * Serves the bridge calls of one worker thread's bodies with `host`'s services, answering through
 * `send`. Threads get a thread service per body scope; their `settled` callbacks run in the worker (the
 * starting run), and the host waits for each to finish, as it would for a body of its own.
 */
export function serveBodies(host: BodyHost, send: (message: FromHost) => void): BodyHostChannel {
  const scopes = new Map<string, Scope>()
  const acks = new Map<number, () => void>()
  let nextAck = 0
  let closed = false

  const scopeOf = (name: string): Scope => {
    let scope = scopes.get(name)
    if (!scope) {
      const threads = host.threads?.()
      if (!threads) throw missing('threads')
      scope = { threads, live: 0, ended: false }
      scopes.set(name, scope)
    }
    return scope
  }
  const forget = (name: string, scope: Scope) => {
    if (scope.ended && scope.live === 0) scopes.delete(name)
  }
  /** Runs the worker's `settled` callback and waits until it acknowledges (or the worker goes). */
  const settledIn = (scopeName: string, scope: Scope) => (info: ThreadInfo) => {
    scope.live--
    forget(scopeName, scope)
    if (closed) return
    const ack = ++nextAck
    return new Promise<void>((resolve) => {
      acks.set(ack, resolve)
      send({ bridge: 'settled', ack, scope: scopeName, info })
    })
  }

  const threadCall = async (call: HostCall): Promise<unknown> => {
    const scope = scopeOf(call.scope)
    const [first, timeoutMs] = call.args as [unknown, number | undefined]
    if (call.method === 'run') {
      const request = first as ThreadRequest
      const info = await scope.threads.run({ ...request, settled: settledIn(call.scope, scope) })
      scope.live++
      return info
    }
    const name = first as string
    if (call.method === 'join') return scope.threads.join(name, timeoutMs)
    if (call.method === 'terminate') {
      const success = await scope.threads.terminate(name)
      return { success, info: scope.threads.get(name) ?? null }
    }
    throw unknownMethod(call)
  }

  const serviceCall = (call: HostCall): Promise<unknown> => {
    if (call.service === 'threads') return threadCall(call)
    const service = host[call.service] as unknown as Record<string, unknown> | undefined
    if (!service) throw missing(call.service)
    const method = service[call.method]
    if (!Object.hasOwn(PUBLIC_METHODS, `${call.service}.${call.method}`) || typeof method !== 'function')
      throw unknownMethod(call)
    return Promise.resolve(method.apply(service, call.args))
  }

  return {
    receive(message) {
      if (!isBridgeMessage(message)) return false
      const toHost = message as ToHost
      if (toHost.bridge === 'ack') {
        acks.get(toHost.ack)?.()
        acks.delete(toHost.ack)
      } else if (toHost.bridge === 'end') {
        const scope = scopes.get(toHost.scope)
        if (scope) {
          scope.ended = true
          forget(toHost.scope, scope)
        }
      } else {
        const call = toHost
        Promise.resolve()
          .then(() => serviceCall(call))
          .then(
            (value) => {
              if (!closed) send({ bridge: 'reply', call: call.call, ok: true, value: value ?? null })
            },
            (error: unknown) => {
              if (!closed) send({ bridge: 'reply', call: call.call, ok: false, error: serialized(error) })
            },
          )
      }
      return true
    },
    close() {
      closed = true
      for (const resolve of acks.values()) resolve()
      acks.clear()
    },
  }
}

/** The only methods a worker may call: the runtime's contracts, nothing else an object happens to have. */
const PUBLIC_METHODS = {
  'jobs.define': true,
  'jobs.dispatch': true,
  'jobs.dispatchBatch': true,
  'schedules.register': true,
  'schedules.pause': true,
  'schedules.resume': true,
  'schedules.delete': true,
  'sources.component': true,
  'sources.template': true,
}

function missing(service: HostServiceName) {
  return new RuntimeError(
    ErrorCodes.RUNTIME_SERVICE_MISSING,
    `This host lends no ${service} service to bodies in worker threads`,
  )
}

function unknownMethod(call: HostCall) {
  return new RuntimeError(ErrorCodes.RUNTIME_ERROR, `No host method ${call.service}.${call.method}`)
}

function serialized(error: unknown): SerializedError {
  return serializeError(error, (message) => new RuntimeError(ErrorCodes.RUNTIME_ERROR, message))
}
