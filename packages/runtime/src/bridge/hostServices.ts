import { ErrorCodes, QuantumError, RuntimeError } from '@quantum/ast'
import type {
  DispatchReceipt,
  JobService,
  ScheduleInfo,
  ScheduleService,
  ThreadInfo,
  ThreadService,
} from '../jobs/types'
import type { RuntimeServices } from '../runtimeTypes'
import type { LoadedComponent, LoadedTemplate, Sources } from '../services/types'
import { type FromHost, type HostServiceName, isBridgeMessage, type ToHost } from './protocol'

/** The services a host lends, as stand-ins in a worker thread. */
export type LentServices = Pick<RuntimeServices, 'jobs' | 'schedules' | 'threads' | 'sources'>

/** The worker's end of the host bridge. */
export interface HostConnection {
  /** Handle a message from the host; false when it is not a bridge message (the caller's own). */
  receive(message: unknown): boolean
  /**
   * Stand-ins for the services the host lends (`lent`, as {@link lentServices} names them), for one
   * body (or run) `scope`: each call crosses to the host and its answer (or its coded error) comes
   * back. Threads the scope starts are the scope's own.
   */
  servicesFor(scope: string, lent: readonly HostServiceName[]): LentServices
  /** The scope's body has ended: the host may drop its thread service once its threads have ended. */
  endScope(scope: string): void
  /** The host is gone: calls still waiting fail. */
  close(reason: string): void
}

interface Pending {
  resolve(value: unknown): void
  reject(error: Error): void
}

/**
 * Connects the bodies of a worker thread to the services its host lends, sending through `send`. The host's `q:job`, `q:schedule` and
 * `q:thread` work in a body as they do on the host: a thread's info is kept here as last reported, so
 * `get` answers at once, and its `on-complete`/`on-error` callbacks run in the starting body.
 */
export function connectToHost(send: (message: ToHost) => void): HostConnection {
  const pending = new Map<number, Pending>()
  const threads = new Map<string, ScopeThreads>()
  let nextCall = 0
  let gone: string | undefined

  const call = (scope: string, service: HostServiceName, method: string, args: unknown[]) => {
    if (gone !== undefined)
      return Promise.reject(new RuntimeError(ErrorCodes.RUNTIME_ERROR, `The host is gone: ${gone}`))
    const id = ++nextCall
    return new Promise<unknown>((resolve, reject) => {
      pending.set(id, { resolve, reject })
      send({ bridge: 'call', call: id, scope, service, method, args })
    })
  }
  const threadsOf = (scope: string) => {
    let entry = threads.get(scope)
    if (!entry) {
      entry = { infos: new Map(), settled: new Map(), ended: false }
      threads.set(scope, entry)
    }
    return entry
  }

  const settle = async (message: Extract<FromHost, { bridge: 'settled' }>) => {
    const entry = threadsOf(message.scope)
    entry.infos.set(message.info.name, message.info)
    const callback = entry.settled.get(message.info.name)
    entry.settled.delete(message.info.name)
    try {
      await callback?.(message.info)
    } finally {
      if (entry.ended && entry.settled.size === 0) threads.delete(message.scope)
      send({ bridge: 'ack', ack: message.ack })
    }
  }

  return {
    receive(message) {
      if (!isBridgeMessage(message)) return false
      const fromHost = message as FromHost
      if (fromHost.bridge === 'settled') {
        void settle(fromHost)
      } else if (fromHost.bridge === 'reply') {
        const waiting = pending.get(fromHost.call)
        pending.delete(fromHost.call)
        if (fromHost.ok) waiting?.resolve(fromHost.value)
        else waiting?.reject(QuantumError.fromJSON(fromHost.error))
      }
      return true
    },
    servicesFor(scope, lent) {
      const services: LentServices = {}
      if (lent.includes('jobs')) services.jobs = jobsFor(scope, call)
      if (lent.includes('schedules')) services.schedules = schedulesFor(scope, call)
      if (lent.includes('threads')) services.threads = threadsFor(scope, call, () => threadsOf(scope))
      if (lent.includes('sources')) services.sources = sourcesFor(scope, call)
      return services
    },
    endScope(scope) {
      // A scope that never touched threads has nothing on the host to release: no message per body.
      const entry = threads.get(scope)
      if (gone !== undefined || !entry) return
      entry.ended = true
      if (entry.settled.size === 0) threads.delete(scope)
      send({ bridge: 'end', scope })
    },
    close(reason) {
      gone = reason
      for (const waiting of pending.values())
        waiting.reject(new RuntimeError(ErrorCodes.RUNTIME_ERROR, `The host is gone: ${reason}`))
      pending.clear()
    },
  }
}

type Call = (scope: string, service: HostServiceName, method: string, args: unknown[]) => Promise<unknown>
type ThreadSettled = (info: ThreadInfo) => void | Promise<void>
/** One scope's threads: their latest info, and the callbacks to run when they settle. */
interface ScopeThreads {
  infos: Map<string, ThreadInfo>
  settled: Map<string, ThreadSettled>
  ended: boolean
}

function jobsFor(scope: string, call: Call): JobService {
  return {
    define: async (definition) => {
      await call(scope, 'jobs', 'define', [definition])
    },
    dispatch: (request) => call(scope, 'jobs', 'dispatch', [request]) as Promise<DispatchReceipt>,
    dispatchBatch: (requests) =>
      call(scope, 'jobs', 'dispatchBatch', [requests]) as Promise<DispatchReceipt[]>,
  }
}

function schedulesFor(scope: string, call: Call): ScheduleService {
  return {
    register: (definition) => call(scope, 'schedules', 'register', [definition]) as Promise<ScheduleInfo>,
    pause: (name) => call(scope, 'schedules', 'pause', [name]) as Promise<boolean>,
    resume: (name) => call(scope, 'schedules', 'resume', [name]) as Promise<boolean>,
    delete: (name) => call(scope, 'schedules', 'delete', [name]) as Promise<boolean>,
  }
}

function sourcesFor(scope: string, call: Call): Sources {
  return {
    component: (request) => call(scope, 'sources', 'component', [request]) as Promise<LoadedComponent>,
    template: (request) => call(scope, 'sources', 'template', [request]) as Promise<LoadedTemplate>,
  }
}

/** `own` gives the scope's threads, made on its first thread call (before it, so the host's end is released). */
function threadsFor(scope: string, call: Call, own: () => ScopeThreads): ThreadService {
  const known = (info: ThreadInfo) => {
    own().infos.set(info.name, info)
    return info
  }
  return {
    async run(request) {
      const { settled, ...portable } = request
      // Known before the call: a thread may end before its start is answered.
      const { settled: callbacks } = own()
      if (settled) callbacks.set(request.name, settled)
      try {
        return known((await call(scope, 'threads', 'run', [portable])) as ThreadInfo)
      } catch (error) {
        if (callbacks.get(request.name) === settled) callbacks.delete(request.name)
        throw error
      }
    },
    async join(name, timeoutMs) {
      own()
      return known((await call(scope, 'threads', 'join', [name, timeoutMs])) as ThreadInfo)
    },
    async terminate(name) {
      own()
      const { success, info } = (await call(scope, 'threads', 'terminate', [name])) as {
        success: boolean
        info: ThreadInfo | null
      }
      if (info) known(info)
      return success
    },
    get: (name) => own().infos.get(name),
  }
}
