import type { ContinueNode } from '@quantum/ast'
import { CONTINUE, type ExecutionHandler } from '../execute'

/** `<q:continue/>`: goes on with the innermost loop's next iteration. */
export const continueHandler: ExecutionHandler<ContinueNode> = () => CONTINUE
