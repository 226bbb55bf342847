import type { Bindable, InvokeNode, Template } from '@quantum/ast'
import { durationMs } from '../expression/duration'
import { bindValue, loneInterpolation, textOf } from '../expression/template'
import { andThen, type MaybePromise, sequence } from '../maybe'
import type { Context } from '../scope/context'
import type { HttpRequest } from '../services/types'
import { toJson, toText } from '../values/render'
import { authHeader } from './auth'

/**
 * The request an HTTP `q:invoke` sends: `args` (its `q:param`/`q:arg` values) as the query string of a
 * GET, HEAD or DELETE, else as the body (JSON, or a form for `application/x-www-form-urlencoded`)
 * unless a `q:body` gives it; `q:header`s, then the `authType` header.
 */
export function buildRequest(
  node: InvokeNode,
  args: Record<string, unknown>,
  ctx: Context,
): MaybePromise<HttpRequest> {
  const contentType = node.contentType === undefined ? 'application/json' : textOf(node.contentType, ctx)
  const parts = [
    () => (node.url === undefined ? '' : textOf(node.url, ctx)),
    () => contentType,
    () =>
      node.body === undefined
        ? undefined
        : andThen(contentType, (type) => bodyValue((node.body as { content: Bindable }).content, type, ctx)),
    () =>
      sequence(
        node.headers.map(
          (header) => () => andThen(textOf(header.value, ctx), (value) => [header.name, value] as const),
        ),
      ),
    () => (node.auth === undefined ? undefined : authHeader(node.auth, ctx)),
    () => (node.timeout === undefined ? undefined : durationMs(node.timeout, ctx, node)),
  ]
  return andThen(sequence<unknown>(parts), (values) => {
    const [rawUrl, contentType, body, headers, auth, timeoutMs] = values as [
      string,
      string,
      unknown,
      [string, string][],
      [string, string] | undefined,
      number | undefined,
    ]
    const request: HttpRequest = { url: rawUrl, method: node.method, headers: Object.fromEntries(headers) }
    if (auth) {
      // The credentials replace a q:header of the same name, whatever its case.
      for (const name of Object.keys(request.headers))
        if (name.toLowerCase() === auth[0]) delete request.headers[name]
      request.headers[auth[0]] = auth[1]
    }
    const hasArgs = Object.keys(args).length > 0
    if (node.method === 'GET' || node.method === 'HEAD' || node.method === 'DELETE') {
      if (hasArgs) request.url = withQuery(rawUrl, args)
    } else if (body !== undefined || hasArgs) {
      // A q:header Content-Type (any case) wins over the contentType attribute.
      const given = Object.keys(request.headers).find((name) => name.toLowerCase() === 'content-type')
      const type = given === undefined ? contentType : (request.headers[given] as string)
      if (given === undefined) request.headers['content-type'] = contentType
      request.body =
        body !== undefined
          ? typeof body === 'string'
            ? body
            : toJson(body)
          : /x-www-form-urlencoded/i.test(type)
            ? formEncode(args)
            : toJson(args)
    }
    if (timeoutMs !== undefined) request.timeoutMs = timeoutMs
    if (ctx.run.signal) request.signal = ctx.run.signal
    return request
  })
}

function formEncode(args: Record<string, unknown>): string {
  return new URLSearchParams(
    Object.entries(args).map(([key, value]): [string, string] => [key, toText(value)]),
  ).toString()
}

function withQuery(url: string, args: Record<string, unknown>): string {
  return `${url}${url.includes('?') ? '&' : '?'}${formEncode(args)}`
}

/**
 * A `<q:body>`: a lone `{expr}` keeps its value (sent as JSON unless it is text). In a JSON body, a
 * value interpolated inside a string literal is escaped (`"note": "{text}"` stays valid JSON when the
 * text holds quotes, backslashes or newlines); elsewhere values are written as text, as upstream.
 */
function bodyValue(content: Bindable, contentType: string, ctx: Context): MaybePromise<unknown> {
  if (typeof content === 'string' || loneInterpolation(content) || !/json/i.test(contentType)) {
    return bindValue(content, ctx)
  }
  let inString = false
  const pieces = content.parts.map((part) => {
    if (typeof part === 'string') {
      inString = endsInString(part, inString)
      return () => part
    }
    const single: Template = { ...content, parts: [part] }
    const quoted = inString
    return () =>
      quoted ? textOf(single, ctx, (text) => JSON.stringify(text).slice(1, -1)) : textOf(single, ctx)
  })
  return andThen(sequence(pieces), (texts) => texts.join(''))
}

/** Whether JSON text that starts inside (or outside) a string literal ends inside one. */
function endsInString(text: string, inString: boolean): boolean {
  let inside = inString
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (inside && ch === '\\') i++
    else if (ch === '"') inside = !inside
  }
  return inside
}
