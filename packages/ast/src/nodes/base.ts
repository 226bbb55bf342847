import type { Position } from '../position'

/** Every node is plain JSON data with a literal `type`; nodes from source carry a `position`. */
export interface NodeBase {
  position?: Position
}

/** Value types used by `q:set`, `q:param` and `q:compute` conversions. */
export type DataType =
  | 'string'
  | 'integer'
  | 'number'
  | 'decimal'
  | 'boolean'
  | 'datetime'
  | 'date'
  | 'time'
  | 'array'
  | 'object'
  | 'json'
  | 'struct'
  | 'any'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS'
