import type { Bindable } from '../expression'
import type { NodeBase } from './base'
import type { FunctionNode, ParamNode } from './core'
import type { Statement } from './index'
import type { ActionNode } from './web'

/** The root of a parsed `.q` file. */
export interface Document extends NodeBase {
  type: 'document'
  /** The file the source came from, as given to `parse`. */
  file?: string
  component: ComponentNode
}

/**
 * `<q:component name>` (or `q:application`; a root `q:job` is wrapped in a generated component).
 * Component-level `q:param`s, `q:function`s and `q:action`s are collected apart from the statements.
 */
export interface ComponentNode extends NodeBase {
  type: 'component'
  name: string
  kind: 'component' | 'application'
  params: ParamNode[]
  functions: FunctionNode[]
  actions: ActionNode[]
  body: Statement[]
}

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

/** Text between tags, with databinding. Whitespace-only text between statements is dropped. */
export interface TextNode extends NodeBase {
  type: 'text'
  value: Bindable
  /** The content of `<script>`/`<style>`, or CDATA: written exactly as is, never databound or escaped. */
  raw?: true
}
