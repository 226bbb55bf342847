import type { NodeBase } from './base'
import type { ComponentNode } from './component'

/** The root of a parsed `.q` file. */
export interface Document extends NodeBase {
  type: 'document'
  /** The file the source came from, as given to `parse`. */
  file?: string
  component: ComponentNode
}
