import type { HeaderNode } from '@quantum/ast'
import { pairTag } from '../syntax/pairTag'

/** `<q:header name value>` of an HTTP `q:invoke`, or of a `q:data` whose source is an `http(s)` URL. */
export const headerTag = { ...pairTag<HeaderNode>('header'), placement: { parents: ['invoke', 'data'] } }
