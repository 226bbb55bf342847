import type { HeaderNode } from '@quantum/ast'
import { pairTag } from '../syntax/pairTag'

/** `<q:header name value>` of an HTTP `q:invoke`. */
export const headerTag = pairTag<HeaderNode>('header')
