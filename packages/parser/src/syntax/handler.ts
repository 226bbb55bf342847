import type { Node, Statement } from '@quantum/ast'
import type { XElement } from '../xml/tree'
import type { SyntaxApi, SyntaxState } from './api'

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
  /**
   * Whether the tag, though its placement says otherwise, stands as a statement in the body being
   * parsed, given the flags set above it (`q:param` in a batch body is one value of the next job).
   */
  statementWhen?(state: SyntaxState): boolean
  /** Builds the node where `statementWhen` made the tag a statement; `parse` does when absent. */
  parseStatement?(element: XElement, ctx: SyntaxApi): TNode | undefined
  /**
   * Offered each element that follows this tag's statement in the same body and is not a statement
   * itself (a `q:else` after `</q:if>`); returns true when it took the element into `previous`.
   */
  attachSibling?(previous: Statement, element: XElement, ctx: SyntaxApi): boolean
}

/** Helper for typing a handler object literal. */
export function defineTag<TNode extends { type: string }>(
  handler: SyntaxHandler<TNode>,
): SyntaxHandler<TNode> {
  return handler
}
