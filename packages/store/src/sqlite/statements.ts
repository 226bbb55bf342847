import type Database from 'better-sqlite3'

/** Compiles SQL once per connection: `sql(text)` returns the prepared statement for `text`. */
export type Sql = (text: string) => Database.Statement

export function statementCache(db: Database.Database): Sql {
  const statements = new Map<string, Database.Statement>()
  return (text) => {
    let statement = statements.get(text)
    if (!statement) {
      statement = db.prepare(text)
      statements.set(text, statement)
    }
    return statement
  }
}
