import { type BodyNode, type BodyTemplate, ErrorCodes, formatPoint, type Template } from '@quantum/ast'
import { resolve } from '../expression/evaluate'
import { textOf } from '../expression/template'
import { namedValues } from '../invoke/arguments'
import { andThen, type MaybePromise, sequence } from '../maybe'
import { locate, runtimeError } from '../run/errors'
import { need } from '../run/need'
import { asRunStop } from '../run/stopped'
import type { Context } from '../scope/context'
import type { FileRequest } from '../services/types'
import { createVars, MISSING } from '../values/missing'
import { toText } from '../values/render'

/**
 * The text of a mail's `<q:body template="file">`: the file, found by the file rules relative to the
 * document's folder and parsed by the host's sources, rendered like an inline body with the body's
 * `q:param`s in scope over the variables around it. A placeholder that names nothing is an error
 * located in the template, unlike an inline body where it stays as written.
 */
export function renderBodyTemplate(
  body: BodyNode,
  template: BodyTemplate,
  ctx: Context,
): MaybePromise<string> {
  const site = ctx.run.at({ position: body.position })
  const sources = need(ctx, 'sources', 'mail', site)
  const parts = [() => textOf(template.path, ctx), () => namedValues(template.params, ctx)]
  return andThen(sequence<unknown>(parts), (values) => {
    const [path, params] = values as [string, Record<string, unknown>]
    const request: FileRequest = { path, purpose: 'Template' }
    if (site.file !== undefined) request.from = site.file
    const scope = ctx.child('template', createVars(params))
    return sources.template(request).then(
      (loaded) =>
        render(
          loaded.content,
          loaded.file,
          scope,
          `${path}, the body at ${site.file ?? ''}:${formatPoint(body.position)}`,
        ),
      (error: unknown) => {
        throw locate(asRunStop(error, ctx, site), site)
      },
    )
  })
}

function render(
  content: Template | string,
  file: string,
  scope: Context,
  usedBy: string,
): MaybePromise<string> {
  if (typeof content === 'string') return content
  const parts = content.parts.map((part) => () => {
    if (typeof part === 'string') return part
    return andThen(resolve(part.expression, scope), (value) => {
      if (value !== MISSING) return toText(value, scope.run.bounds)
      throw runtimeError(
        ErrorCodes.RUNTIME_NOT_FOUND,
        `Template placeholder {${part.source}} names nothing in scope: give the body a <q:param name="…"> or set the variable (template ${usedBy})`,
        { position: part.position, file },
      )
    })
  })
  return andThen(sequence(parts), (texts) => {
    scope.run.checkLength(
      texts.reduce((sum, text) => sum + text.length, 0),
      { position: content.position, file },
    )
    return texts.join('')
  })
}
