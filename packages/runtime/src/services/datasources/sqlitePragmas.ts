import { ErrorCodes, RuntimeError } from '@quantum/ast'
import type { SqliteStatementShape } from './sqliteText'

/**
 * PRAGMAs that only read the schema or a setting, given a table or index name (or nothing). Every
 * other PRAGMA, and any of these given a value, could unprotect or corrupt a database every program
 * shares (`writable_schema`, `journal_mode = OFF`, `synchronous = OFF`, `foreign_keys = OFF`…).
 */
const READ_WITH_NAME = new Set([
  'table_info',
  'table_xinfo',
  'table_list',
  'index_list',
  'index_info',
  'index_xinfo',
  'foreign_key_list',
  'foreign_key_check',
  'integrity_check',
  'quick_check',
])

/** PRAGMAs that read a setting or a list and take no value (given one, most of them change it). */
const READ_ONLY = new Set([
  'application_id',
  'auto_vacuum',
  'collation_list',
  'data_version',
  'database_list',
  'encoding',
  'foreign_keys',
  'freelist_count',
  'function_list',
  'journal_mode',
  'page_count',
  'page_size',
  'pragma_list',
  'schema_version',
  'synchronous',
  'user_version',
])

/** The PRAGMAs a program may run, for the error message. */
export const ALLOWED_PRAGMAS = [...READ_WITH_NAME, ...READ_ONLY].sort()

/**
 * Refuses a PRAGMA that is not on the allow-list, or that sets a value.
 *
 * @throws RuntimeError `RUNTIME_QUERY` (details `rule: 'sqlite.pragma'`) naming the PRAGMA
 */
export function checkPragma(shape: SqliteStatementShape, datasource: string): void {
  const pragma = shape.pragma
  if (!pragma) return
  const allowed = READ_WITH_NAME.has(pragma.name) || (READ_ONLY.has(pragma.name) && pragma.value === 'none')
  if (allowed) return
  const why = READ_ONLY.has(pragma.name)
    ? 'a program may read this setting but not change it'
    : `a program may run only the PRAGMAs that read the schema or a setting (${ALLOWED_PRAGMAS.join(', ')})`
  throw new RuntimeError(
    ErrorCodes.RUNTIME_QUERY,
    `Query failed on '${datasource}': PRAGMA ${pragma.name} is refused: ${why}`,
    { details: { datasource, pragma: pragma.name, rule: 'sqlite.pragma' } },
  )
}
