import type { Dynamic } from '../expression'
import type { NodeBase } from './base'
import type { Statement } from './index'

export type ThreadAction = 'run' | 'join' | 'terminate'
export type ThreadPriority = 'low' | 'normal' | 'high'

/** `<q:thread name [action] [priority] [timeout] [on-complete] [on-error]>` (both callback spellings). */
export interface ThreadNode extends NodeBase {
  type: 'thread'
  name: string
  action: ThreadAction
  priority: ThreadPriority
  timeout?: Dynamic<number>
  onComplete?: string
  onError?: string
  body: Statement[]
}
