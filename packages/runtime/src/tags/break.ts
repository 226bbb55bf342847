import type { BreakNode } from '@quantum/ast'
import { BREAK, type ExecutionHandler } from '../execute'

/** `<q:break/>`: leaves the innermost loop. */
export const breakHandler: ExecutionHandler<BreakNode> = () => BREAK
