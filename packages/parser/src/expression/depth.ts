import type { Expression } from '@quantum/ast'

/**
 * How deep an expression may nest. The runtime evaluates an expression recursively, node by node, so
 * this keeps any accepted expression far from the JavaScript stack limit (thousands of levels), even
 * when it is evaluated inside nested calls.
 */
export const MAX_EXPRESSION_DEPTH = 100

/**
 * The first node, in source order, that lies more than `limit` levels down (the top is level 1),
 * or undefined. Walks with its own stack: the tree may be far deeper than the JavaScript stack allows.
 */
export function deeperThan(expression: Expression, limit: number): Expression | undefined {
  const pending: { node: Expression; depth: number }[] = [{ node: expression, depth: 1 }]
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, depth } = next
    if (depth > limit) return node
    const children = childrenOf(node)
    // Last pushed, first walked: the leftmost child goes first, so a chain is reported from its start.
    for (let i = children.length - 1; i >= 0; i--)
      pending.push({ node: children[i] as Expression, depth: depth + 1 })
  }
  return undefined
}

function childrenOf(node: Expression): readonly Expression[] {
  switch (node.type) {
    case 'literal':
    case 'identifier':
      return []
    case 'member':
      return [node.object]
    case 'index':
      return [node.object, node.index]
    case 'call':
      return [node.callee, ...node.arguments]
    case 'unary':
      return [node.argument]
    case 'binary':
    case 'logical':
      return [node.left, node.right]
    case 'conditional':
      return [node.test, node.consequent, node.alternate]
    case 'array':
      return node.elements
    case 'object':
      return node.properties.map((property) => property.value)
  }
}
