import type { InvokeAuth } from '@quantum/ast'
import { textOf } from '../expression/template'
import { andThen, type MaybePromise, sequence } from '../maybe'
import type { Context } from '../scope/context'

/**
 * The header an invoke's `authType` sends: `Authorization: Bearer …`, `Authorization: Basic …`, or the
 * API key under its header. Its value goes only into the request, never into a result, log or error.
 */
export function authHeader(auth: InvokeAuth, ctx: Context): MaybePromise<[string, string]> {
  switch (auth.type) {
    case 'bearer':
      return andThen(textOf(auth.token, ctx), (token) => ['authorization', `Bearer ${token}`])
    case 'basic':
      return andThen(
        sequence([() => textOf(auth.username, ctx), () => textOf(auth.password, ctx)]),
        ([username, password]) => [
          'authorization',
          `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
        ],
      )
    case 'apikey':
      return andThen(textOf(auth.key, ctx), (key) => [auth.header.toLowerCase(), key])
  }
}
