import { ErrorCodes } from '@quantum/ast'
import type Database from 'better-sqlite3'
import { makeFolder } from '../files/makeFolder'
import { requireOptional } from '../optionalPeer'
import { stateDatabasePath } from '../stateDatabase'
import { DEFAULT_MAIL_LIMITS, type OutboxRetention, outboxFull } from './limits'

/** A message kept in the outbox (`mail_outbox` in `<home>/quantum.db`). */
export interface StoredMail {
  id: string
  /** When it was stored: UTC ISO 8601 with `Z`. */
  createdAt: string
  from: string
  to: string[]
  cc: string[]
  bcc: string[]
  replyTo: string | null
  subject: string
  format: 'html' | 'text'
  body: string
  /** The complete MIME message as it would have gone over SMTP. */
  raw: string
  messageId: string
}

/** Reads and empties the outbox; the CLI and the playground show it. */
export interface Outbox {
  /** Messages, newest first; `limit` keeps the newest N. */
  list(options?: { limit?: number }): StoredMail[]
  get(id: string): StoredMail | undefined
  /** Deletes every message; returns how many there were. */
  clear(): number
  close(): void
}

/** The store the outbox transport writes to. */
export interface OutboxStore extends Outbox {
  /**
   * Stores `mail`, after deleting the messages retention no longer keeps.
   *
   * @throws RuntimeError `RUNTIME_LIMIT_EXCEEDED` when it would take the outbox past its size limit
   */
  add(mail: StoredMail): void
}

interface OutboxRow {
  id: string
  created_at: string
  from_address: string
  to_addresses: string
  cc_addresses: string
  bcc_addresses: string
  reply_to: string | null
  subject: string
  format: string
  body: string
  raw: string
  message_id: string
  size: number
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS mail_outbox (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  from_address TEXT NOT NULL,
  to_addresses TEXT NOT NULL,
  cc_addresses TEXT NOT NULL,
  bcc_addresses TEXT NOT NULL,
  reply_to TEXT,
  subject TEXT NOT NULL,
  format TEXT NOT NULL,
  body TEXT NOT NULL,
  raw TEXT NOT NULL,
  message_id TEXT NOT NULL,
  size INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS mail_outbox_created_at ON mail_outbox (created_at);
`

// Sizes are read from this index, never from the rows, whose large text would be read along.
const SIZE_INDEX = 'CREATE INDEX IF NOT EXISTS mail_outbox_size ON mail_outbox (created_at, size)'

/**
 * Opens the outbox in `<home>/quantum.db`, creating the folder, file and table when missing.
 *
 * @throws RuntimeError `RUNTIME_MAIL` when `better-sqlite3` (an optional peer dependency) is not installed
 */
export function openOutbox(home: string): Outbox {
  return openOutboxStore(home)
}

/** {@link openOutbox}, plus the `add` the outbox transport writes with, under `retention`. */
export function openOutboxStore(home: string, retention: OutboxRetention = DEFAULT_MAIL_LIMITS): OutboxStore {
  const Sqlite = requireOptional<typeof Database>(
    'better-sqlite3',
    ErrorCodes.RUNTIME_MAIL,
    'Cannot open the mail outbox',
  )
  makeFolder(home)
  const db = new Sqlite(stateDatabasePath(home))
  db.pragma('journal_mode = WAL')
  db.pragma('busy_timeout = 30000')
  db.exec(SCHEMA)
  addSizes(db)
  const insert = db.prepare(
    `INSERT INTO mail_outbox (id, created_at, from_address, to_addresses, cc_addresses, bcc_addresses,
       reply_to, subject, format, body, raw, message_id, size)
     VALUES (@id, @created_at, @from_address, @to_addresses, @cc_addresses, @bcc_addresses,
       @reply_to, @subject, @format, @body, @raw, @message_id, @size)`,
  )
  const prune = db.prepare('DELETE FROM mail_outbox WHERE created_at < ?')
  const stored = db.prepare('SELECT total(size) FROM mail_outbox').pluck()
  const add = db.transaction((row: OutboxRow) => {
    prune.run(new Date(Date.parse(row.created_at) - retention.outboxMaxAgeMs).toISOString())
    const held = stored.get() as number
    if (held + row.size > retention.maxOutboxBytes) {
      throw outboxFull(held, row.size, retention)
    }
    insert.run(row)
  })
  // Messages stored in the same millisecond keep their insertion order through the rowid.
  const list = db.prepare('SELECT * FROM mail_outbox ORDER BY created_at DESC, rowid DESC LIMIT ?')
  const get = db.prepare('SELECT * FROM mail_outbox WHERE id = ?')
  const clear = db.prepare('DELETE FROM mail_outbox')
  return {
    add(mail) {
      // IMMEDIATE: two writers must not both find room for their message.
      add.immediate(toRow(mail))
    },
    list(options = {}) {
      const limit = options.limit === undefined ? -1 : Math.max(0, Math.trunc(options.limit))
      return (list.all(limit) as OutboxRow[]).map(fromRow)
    },
    get(id) {
      const row = get.get(id) as OutboxRow | undefined
      return row && fromRow(row)
    },
    clear() {
      return clear.run().changes
    },
    close() {
      if (db.open) db.close()
    },
  }
}

function toRow(mail: StoredMail): OutboxRow {
  return {
    id: mail.id,
    created_at: mail.createdAt,
    from_address: mail.from,
    to_addresses: JSON.stringify(mail.to),
    cc_addresses: JSON.stringify(mail.cc),
    bcc_addresses: JSON.stringify(mail.bcc),
    reply_to: mail.replyTo,
    subject: mail.subject,
    format: mail.format,
    body: mail.body,
    raw: mail.raw,
    message_id: mail.messageId,
    size: Buffer.byteLength(mail.raw) + Buffer.byteLength(mail.body),
  }
}

/**
 * Gives an outbox written before sizes were kept its `size` column, and every message its size, once;
 * then the index sizes are read from. An outbox that has both is only read: opening it takes no lock.
 */
function addSizes(db: Database.Database) {
  const hasSize = () =>
    (db.prepare('PRAGMA table_info(mail_outbox)').all() as { name: string }[]).some(
      (column) => column.name === 'size',
    )
  if (!hasSize()) {
    db.transaction(() => {
      // Another process may have added it since the first look.
      if (hasSize()) return
      db.exec(`ALTER TABLE mail_outbox ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
        UPDATE mail_outbox SET size = length(CAST(raw AS BLOB)) + length(CAST(body AS BLOB))`)
    }).immediate()
  }
  db.exec(SIZE_INDEX)
}

function fromRow(row: OutboxRow): StoredMail {
  return {
    id: row.id,
    createdAt: row.created_at,
    from: row.from_address,
    to: addresses(row.to_addresses),
    cc: addresses(row.cc_addresses),
    bcc: addresses(row.bcc_addresses),
    replyTo: row.reply_to,
    subject: row.subject,
    format: row.format === 'html' ? 'html' : 'text',
    body: row.body,
    raw: row.raw,
    messageId: row.message_id,
  }
}

function addresses(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.map(String) : []
  } catch {
    return []
  }
}
