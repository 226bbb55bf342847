import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'

// What one write transaction costs on this disk, by how many pages it dirties: with the state database's
// settings (WAL, synchronous NORMAL, a checkpoint every 10,000 pages), each transaction inserts one small
// row into each of N tables, so it writes N pages to the WAL. The embedded queue's transaction touches
// the jobs table, two of its indexes, the history table and its four indexes: about ten pages however
// few jobs it carries, which is why it carries as many as it can.
const TRANSACTIONS = 3000
const WARMUP = 300
const PAGES = [0, 1, 3, 6, 12]

const dir = mkdtempSync(join(tmpdir(), 'quantum-bench-commit-'))
const db = new Database(join(dir, 'commit.db'))
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.pragma('wal_autocheckpoint = 10000')
const max = Math.max(...PAGES)
for (let table = 0; table < max; table++) db.exec(`CREATE TABLE t${table} (id INTEGER PRIMARY KEY, v TEXT)`)
const inserts = Array.from({ length: max }, (_, table) => db.prepare(`INSERT INTO t${table} (v) VALUES (?)`))
const row = 'x'.repeat(100)

console.log(`SQLite write transaction (BEGIN IMMEDIATE … COMMIT), WAL, ${TRANSACTIONS} each`)
const perTransaction = new Map<number, number>()
for (const pages of PAGES) {
  const transaction = db.transaction(() => {
    for (let table = 0; table < pages; table++) inserts[table]?.run(row)
  })
  for (let i = 0; i < WARMUP; i++) transaction.immediate()
  const start = performance.now()
  for (let i = 0; i < TRANSACTIONS; i++) transaction.immediate()
  const us = ((performance.now() - start) * 1000) / TRANSACTIONS
  perTransaction.set(pages, us)
  console.log(
    `  ${String(pages).padStart(2)} ${pages === 1 ? 'page ' : 'pages'} dirtied   ${us.toFixed(0).padStart(5)} µs per transaction`,
  )
}
db.close()
rmSync(dir, { recursive: true, force: true })
const each = ((perTransaction.get(max) as number) - (perTransaction.get(0) as number)) / max
console.log(
  `  each page a transaction dirties costs about ${each.toFixed(0)} µs (an insert and its WAL write)`,
)
