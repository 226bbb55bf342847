import type { TextNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { textOf } from '../expression/template'
import { andThen } from '../maybe'
import { escapeHtml } from '../values/render'

/**
 * Text between tags: rendered and escaped (trimmed, one line each, outside HTML elements); the
 * content of `<script>`/`<style>` is written as is.
 */
export const text: ExecutionHandler<TextNode> = (node, ctx) =>
  andThen(textOf(node.value, ctx, node.raw ? undefined : escapeHtml), (rendered) => {
    if (ctx.run.outputDepth > 0) ctx.run.write(rendered, node)
    else if (rendered.trim() !== '') ctx.run.write(`${rendered.trim()}\n`, node)
    return undefined
  })
