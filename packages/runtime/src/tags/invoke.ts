import type { InvokeNode } from '@quantum/ast'
import type { ExecutionHandler } from '../execute'
import { callFunctionByName } from '../expression/calls'
import { bindValue, textOf } from '../expression/template'
import { all, andThen } from '../maybe'
import type { Context } from '../scope/context'
import type { HttpRequest } from '../services/types'
import { toJson, toText } from '../values/render'
import { need } from './service'
import { durationMs } from './sleep'

/**
 * `<q:invoke function=>` calls a `q:function` with named `q:arg`/`q:param` values; `<q:invoke url=>`
 * makes an HTTP call. The value goes to `name` (an HTTP call's parsed body), details to `<name>_result`.
 */
export const invoke: ExecutionHandler<InvokeNode> = (node, ctx) => {
  const named = [...node.args, ...node.params].map((arg) => {
    const source = 'default' in arg && arg.value === undefined ? arg.default : arg.value
    return andThen(
      source === undefined ? null : bindValue(source, ctx),
      (value) => [arg.name, value] as const,
    )
  })
  const started = performance.now()
  return andThen(all(named), (pairs) => {
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
  const parts = [
    node.url === undefined ? '' : textOf(node.url, ctx),
    node.contentType === undefined ? 'application/json' : textOf(node.contentType, ctx),
    node.body === undefined ? undefined : bindValue(node.body.content, ctx),
    all(
      node.headers.map((header) =>
        andThen(textOf(header.value, ctx), (value) => [header.name, value] as const),
      ),
    ),
    node.timeout === undefined ? undefined : durationMs(node.timeout, ctx, node),
  ]
  return andThen(all<unknown>(parts), (values) => {
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
      request.body = body === undefined ? toJson(args) : typeof body === 'string' ? body : toJson(body)
      request.headers['content-type'] ??= contentType
    }
    if (timeoutMs !== undefined) request.timeoutMs = timeoutMs
    if (ctx.run.signal) request.signal = ctx.run.signal
    return client.request(request).then((response) => {
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
    })
  })
}

function withQuery(url: string, args: Record<string, unknown>): string {
  const query = new URLSearchParams(
    Object.entries(args).map(([key, value]): [string, string] => [key, toText(value)]),
  )
  return `${url}${url.includes('?') ? '&' : '?'}${query}`
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
