import type { DataType } from '@quantum/ast'

/** Value types accepted by `type=` on `q:set`, `q:param` and `q:compute`. */
export const DATA_TYPES: readonly DataType[] = [
  'string',
  'integer',
  'number',
  'decimal',
  'boolean',
  'datetime',
  'date',
  'time',
  'array',
  'object',
  'json',
  'struct',
  'any',
]
