import { type Bindable, type Dynamic, ErrorCodes, type InvokeAuth, type InvokeNode } from '@quantum/ast'
import type { SyntaxApi } from '../syntax/api'
import type { AttributeReader } from '../syntax/attributes'

type AuthType = InvokeAuth['type']

const AUTH_TYPES: readonly AuthType[] = ['bearer', 'basic', 'apikey']

/** Each credential an auth type needs, by its spellings (ours first, then upstream's). */
const CREDENTIALS: Record<AuthType, readonly (readonly string[])[]> = {
  bearer: [['authToken']],
  basic: [
    ['username', 'authUsername'],
    ['password', 'authPassword'],
  ],
  apikey: [['apiKey', 'authToken']],
}

const API_KEY_HEADER = ['apiKeyHeader', 'authHeader'] as const

/** Every attribute that carries authentication. */
export const AUTH_ATTRIBUTES = [
  'authType',
  ...new Set([...Object.values(CREDENTIALS).flat(2), ...API_KEY_HEADER]),
] as readonly string[]

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** The largest `retry`: beyond it a failing endpoint is a bug to fix, not to wait out. */
const MAX_RETRY = 100

/** How long a cached response is kept when `ttl` is absent: 5 minutes. */
const DEFAULT_TTL_MS = 300_000

/** Authentication, retries and caching of an HTTP `q:invoke`. */
export function httpOptions(node: InvokeNode, a: AttributeReader, ctx: SyntaxApi) {
  const auth = authentication(a, ctx)
  if (auth) node.auth = auth
  const contentType = a.bindable('contentType')
  if (contentType !== undefined) node.contentType = contentType
  const timeout = a.duration('timeout')
  if (timeout !== undefined) node.timeout = timeout
  const retry = a.integer('retry', {
    min: 0,
    max: MAX_RETRY,
    message: `Invoke retry must be a whole number from 0 to ${MAX_RETRY}`,
  })
  if (retry !== undefined) node.retry = retry
  const delay = milliseconds(a, 'retryDelay')
  if (delay !== undefined) node.retryDelay = delay
  if (a.has('retryDelay') && !a.has('retry')) misplaced(a, ctx, 'retryDelay', "it needs retry='N'")
  const cache = a.boolean('cache', false)
  const ttl = a.duration('ttl')
  if (cache) {
    node.cache = { ttl: ttl ?? DEFAULT_TTL_MS }
    if (node.method !== 'GET') misplaced(a, ctx, 'cache', `only GET responses are cached, not ${node.method}`)
  } else if (a.has('ttl')) misplaced(a, ctx, 'ttl', 'it needs cache="true"')
}

/**
 * `retryDelay`: whole milliseconds (`1000`, as upstream) or a duration with its unit (`2s`, `500ms`),
 * or a template bound at run time and read the same way.
 */
function milliseconds(a: AttributeReader, name: string): Dynamic<number> | undefined {
  const attribute = a.get(name)
  if (!attribute) return undefined
  const text = attribute.value.trim()
  return /^\d+$/.test(text) ? Number(text) : a.duration(name)
}

function authentication(a: AttributeReader, ctx: SyntaxApi): InvokeAuth | undefined {
  const type = a.has('authType')
    ? a.enumeration<AuthType>('authType', AUTH_TYPES, 'bearer', {
        label: 'auth type',
        caseInsensitive: true,
        aliases: { 'api-key': 'apikey', api_key: 'apikey' },
      })
    : undefined
  // A bad authType is reported already; its credentials say nothing more.
  if (type && !a.valid('authType')) return undefined
  const used = new Set<string>(type ? CREDENTIALS[type].flat() : [])
  if (type === 'apikey') for (const name of API_KEY_HEADER) used.add(name)
  for (const name of AUTH_ATTRIBUTES) {
    if (name === 'authType' || used.has(name) || !a.has(name)) continue
    misplaced(a, ctx, name, type ? `it is not used by authType="${type}"` : 'it needs authType')
  }
  if (!type) return undefined
  const values: Bindable[] = []
  for (const spellings of CREDENTIALS[type]) {
    const value = a.bindable(a.pick(...spellings), { required: true })
    if (value === undefined) return undefined
    values.push(value)
  }
  const [first, second] = values as [Bindable, Bindable]
  if (type === 'bearer') return { type, token: first }
  if (type === 'basic') return { type, username: first, password: second }
  const header = a.string(a.pick(...API_KEY_HEADER)) ?? 'X-API-Key'
  if (!HEADER_NAME.test(header)) {
    const attribute = a.get(a.pick(...API_KEY_HEADER))
    if (attribute) a.invalid(attribute, `Invoke apiKeyHeader "${header}" is not an HTTP header name`)
    return undefined
  }
  return { type, key: first, header }
}

function misplaced(a: AttributeReader, ctx: SyntaxApi, name: string, why: string) {
  ctx.report(
    ErrorCodes.PARSE_INVALID_STRUCTURE,
    `Invoke '${name}' is out of place: ${why}`,
    a.get(name)?.position,
  )
}
