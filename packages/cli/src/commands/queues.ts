import { type Command, Option } from 'commander'
import type { CliIO } from '../io'
import type { JobsFormat } from '../jobs/list'
import { listQueues, type PurgeStatus, purgeQueue, queueStats } from '../jobs/queues'
import { groupAction } from './group'
import type { Exec } from './jobs'

/** Upstream's usage line for `quantum jobs queues` without an action. */
const QUEUES_USAGE = 'Usage: quantum jobs queues <list|purge|stats>\n'

/** Add `queues list|stats [Q]|purge Q [--status]` under `jobs`. */
export function addQueuesCommand(
  jobs: Command,
  io: CliIO,
  exec: Exec,
  onExit: (code: number) => void,
): Command {
  const queues = jobs
    .command('queues')
    .description('list, count and purge the job queues')
    .usage('<action> [options]')
    .argument('[action]')
    .allowExcessArguments()
    .action(groupAction(QUEUES_USAGE, io, onExit))
  const format = () =>
    new Option('--format <format>', 'output format').choices(['table', 'json']).default('table')
  queues
    .command('list')
    .description('every queue with its job counts')
    .addOption(format())
    .action(async (options: { format: JobsFormat }, command: Command) => {
      await exec(command, async (_store, context) => listQueues(await context.queue(), options.format, io))
    })
  queues
    .command('stats')
    .description("one queue's counts, or the totals over every queue")
    .argument('[queue]', 'queue name')
    .addOption(format())
    .action(async (name: string | undefined, options: { format: JobsFormat }, command: Command) => {
      await exec(command, async (_store, context) =>
        queueStats(await context.queue(), name, options.format, io),
      )
    })
  queues
    .command('purge')
    .description("delete a queue's jobs (running ones stay)")
    .argument('<queue>', 'queue name')
    .addOption(
      new Option('--status <status>', 'only these')
        .choices(['all', 'pending', 'completed', 'failed', 'cancelled'])
        .default('all'),
    )
    .action(async (name: string, options: { status: PurgeStatus }, command: Command) => {
      await exec(command, async (_store, context) =>
        purgeQueue(await context.queue(), name, options.status, io),
      )
    })
  return queues
}
