// better-sqlite3 on a worker thread: the candidate the SQLite datasource did not take (see sqlite.ts).
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const db = new Database(workerData.path)
db.pragma('busy_timeout = 30000')

parentPort.on('message', ({ id, sql, params }) => {
  try {
    const statement = db.prepare(sql)
    const result = statement.reader ? statement.all(...params) : statement.run(...params)
    parentPort.postMessage({ id, result })
  } catch (error) {
    parentPort.postMessage({ id, error: error.message })
  }
})
