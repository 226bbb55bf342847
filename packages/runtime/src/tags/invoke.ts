import type { Bindable, InvokeNode, Template } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { callFunctionByName } from '../expression/calls'
import { durationMs } from '../expression/duration'
import { bindValue, loneInterpolation, textOf } from '../expression/template'
import { andThen, type MaybePromise, sequence } from '../maybe'
import { need } from '../run/need'
import type { Context } from '../scope/context'
import type { HttpRequest } from '../services/types'
import { toJson, toText } from '../values/render'

/**
 * `<q:invoke function=>` calls a `q:function` with named `q:arg`/`q:param` values; `<q:invoke url=>`
 * makes an HTTP call. The value goes to `name` (an HTTP call's parsed body), details to `<name>_result`.
 */
export const invoke: ExecutionHandler<InvokeNode> = (node, ctx) => {
  const named = [...node.args, ...node.params].map((arg) => () => {
    const source = 'default' in arg && arg.value === undefined ? arg.default : arg.value
    return andThen(
      source === undefined ? null : bindValue(source, ctx),
      (value) => [arg.name, value] as const,
    )
  })
  const started = performance.now()
  return andThen(sequence(named), (pairs) => {
    const args = Object.fromEntries(pairs)
    if (node.function !== undefined) {
      return andThen(callFunctionByName(node.function, { named: args }, ctx, node), (value) => {
        store(
          node,
          ctx,
          value,
          { success: true, data: value, error: null, invocationType: 'function' },
          started,
        )
        return undefined
      })
    }
    return http(node, ctx, args, started)
  })
}

function http(node: InvokeNode, ctx: Context, args: Record<string, unknown>, started: number) {
  const client = need(ctx, 'http', 'invoke', node)
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
    () => (node.timeout === undefined ? undefined : durationMs(node.timeout, ctx, node)),
  ]
  return andThen(sequence<unknown>(parts), (values) => {
    const [rawUrl, contentType, body, headers, timeoutMs] = values as [
      string,
      string,
      unknown,
      [string, string][],
      number | undefined,
    ]
    const request: HttpRequest = { url: rawUrl, method: node.method, headers: Object.fromEntries(headers) }
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
    return client.request(request).then(
      (response) => {
        store(
          node,
          ctx,
          response.data,
          {
            success: response.ok,
            status: response.status,
            data: response.data,
            headers: response.headers,
            error: response.ok ? null : `HTTP ${response.status}`,
            invocationType: 'http',
          },
          started,
        )
        return undefined
      },
      // As for q:sleep: the run's wall time running out is RUNTIME_LIMIT_EXCEEDED, a cancel RUNTIME_ABORTED.
      (error: unknown) => {
        throw ctx.run.signal?.aborted ? ctx.run.aborted(node) : error
      },
    )
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

function store(
  node: InvokeNode,
  ctx: Context,
  value: unknown,
  details: Record<string, unknown>,
  started: number,
) {
  const result = { ...details, executionTime: Math.round(performance.now() - started) }
  if (node.name) {
    ctx.assign(node.name, value)
    ctx.assign(`${node.name}_result`, result)
  }
  if (node.result) ctx.assign(node.result, result)
}
