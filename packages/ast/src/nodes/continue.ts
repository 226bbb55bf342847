import type { NodeBase } from './base'

export interface ContinueNode extends NodeBase {
  type: 'continue'
}
