import type { ArgNode } from '@quantum/ast'
import { pairTag } from '../syntax/pairTag'

/** `<q:arg name value>`: a named argument of `q:invoke function=`. */
export const argTag = pairTag<ArgNode>('arg')
