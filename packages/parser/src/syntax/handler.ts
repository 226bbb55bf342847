import type { Node } from '@quantum/ast'
import type { XElement } from '../xml/tree'
import type { SyntaxApi } from './api'

/** Where a tag may stand: in any body, only directly inside certain parent tags, or as the root. */
export type Placement = 'statement' | 'root' | { parents: readonly string[] }

/**
 * A syntax handler turns one `q:` tag into an AST node, validating its attributes and children.
 * Problems go to `ctx.report`; a handler returns `undefined` when the tag is too broken to build.
 */
export interface SyntaxHandler<TNode extends { type: string } = Node> {
  /** The tag's local name, without `q:`. */
  tag: string
  /** Every attribute the tag accepts, aliases included; others are reported as unknown. */
  attributes: readonly string[]
  placement: Placement
  parse(element: XElement, ctx: SyntaxApi): TNode | undefined
}

/** Helper for typing a handler object literal. */
export function defineTag<TNode extends { type: string }>(
  handler: SyntaxHandler<TNode>,
): SyntaxHandler<TNode> {
  return handler
}
