import type { Bindable, Dynamic } from '../expression'
import type { NodeBase } from './base'
import type { Statement } from './index'
import type { ParamNode } from './param'

export type JobAction = 'define' | 'dispatch' | 'batch'

/** Retry delay policy: `exponential` is `base × 2^(attempt-1)` (upstream); `fixed:30s` is an extension. */
export interface Backoff {
  kind: 'exponential' | 'fixed'
  delay: number
}

/** `<q:job name [action] [queue] [delay] [priority] [attempts] [backoff] [timeout]>` with `q:param`s and a body. */
export interface JobNode extends NodeBase {
  type: 'job'
  name: string
  action: JobAction
  queue?: Bindable
  delay?: Dynamic<number>
  priority?: number
  attempts?: number
  backoff?: Backoff
  timeout?: Dynamic<number>
  params: ParamNode[]
  body: Statement[]
}
