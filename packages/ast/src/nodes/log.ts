import type { Bindable } from '../expression'
import type { NodeBase } from './base'

export type LogLevel = 'trace' | 'debug' | 'info' | 'warning' | 'error' | 'critical'

/** `<q:log level message|text [context] [when] [correlationId]>`. `warn` is parsed as `warning`. */
export interface LogNode extends NodeBase {
  type: 'log'
  level: LogLevel
  message: Bindable
  context?: Bindable
  when?: Bindable
  correlationId?: Bindable
}
