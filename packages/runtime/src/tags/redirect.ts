import type { RedirectNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { textOf } from '../expression/template'
import { andThen, sequence } from '../maybe'

/** `<q:redirect>`: recorded in the run's result (the host decides what a redirect means). */
export const redirect: ExecutionHandler<RedirectNode> = (node, ctx) =>
  andThen(
    sequence([
      () => textOf(node.url, ctx),
      () => (node.flash === undefined ? undefined : textOf(node.flash, ctx)),
    ]),
    ([url, flash]) => {
      ctx.run.redirect = {
        url: url as string,
        status: node.status,
        ...(flash === undefined ? {} : { flash: flash as string }),
      }
      return undefined
    },
  )
