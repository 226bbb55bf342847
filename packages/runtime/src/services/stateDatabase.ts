import { join } from 'node:path'

/**
 * `<home>/quantum.db`: the host's own state (the mail outbox, later schedules and the queue). No
 * program ever reaches it, neither as a file nor as a datasource.
 */
export function stateDatabasePath(home: string): string {
  return join(home, 'quantum.db')
}
