import type { Bindable } from '../expression'
import type { NodeBase } from './base'
import type { Statement } from './index'

/** A non-Quantum element (HTML), rendered to the run's output with its attributes databound. */
export interface ElementNode extends NodeBase {
  type: 'element'
  name: string
  attributes: ElementAttribute[]
  children: Statement[]
}

export interface ElementAttribute {
  name: string
  value: Bindable
}
