import type { Position } from '../position'

/** Every node is plain JSON data with a literal `type`; nodes from source carry a `position`. */
export interface NodeBase {
  position?: Position
}
