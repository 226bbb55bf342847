import type { Bindable } from '../expression'
import type { NodeBase } from './base'

/** Text between tags, with databinding. Whitespace-only text between statements is dropped. */
export interface TextNode extends NodeBase {
  type: 'text'
  value: Bindable
  /** The content of `<script>`/`<style>`, or CDATA: written exactly as is, never databound or escaped. */
  raw?: true
}
