import type { NodeBase } from './base'

export interface BreakNode extends NodeBase {
  type: 'break'
}
