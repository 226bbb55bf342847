import type { HttpMethod } from '@quantum/ast'

/** The methods `q:invoke` and `q:action` accept. */
export const HTTP_METHODS: readonly HttpMethod[] = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
]

/** Let `method="post"` mean `POST`. */
export function upper(value: string | undefined): Record<string, HttpMethod> {
  const word = value?.trim() ?? ''
  return { [word]: word.toUpperCase() as HttpMethod }
}
