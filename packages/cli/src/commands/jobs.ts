import { type Command, Option } from 'commander'
import type { CliIO } from '../io'
import { type ControlVerb, controlJob } from '../jobs/control'
import { jobNotFound } from '../jobs/failures'
import { type HistoryStatus, jobHistory } from '../jobs/history'
import { DEFAULT_LIST_LIMIT, type JobsFormat, listJobs } from '../jobs/list'
import { cancelJob, dispatchJob, queueJobRun } from '../jobs/queueJobs'
import { retryJob, runJobAgain } from '../jobs/retry'
import { LIST_STATUSES, type ListStatus } from '../jobs/rows'
import { runScheduleHere } from '../jobs/runHere'
import { runJobHere } from '../jobs/runJobHere'
import { runJobNow } from '../jobs/runNow'
import { jobStatus } from '../jobs/status'
import { findTarget } from '../jobs/target'
import { durationMs, jsonParams, nonBlank, wholeNumber } from '../optionValues'
import { stateFolderText } from '../stateFolder'
import { groupAction } from './group'
import { addQueuesCommand } from './queues'
import { withStore } from './withStore'
import { addWorkerCommand } from './worker'

/** Runs a job command's work on the configured store and hands its exit code on. */
export type Exec = (command: Command, work: Parameters<typeof withStore>[2]) => Promise<void>

/** How `status`, `run` and `retry` read their argument (one rule: `jobs/target.ts`). */
const TARGET_RULE = 'TARGET is a schedule name, else a job ID, else a job name (its newest job)'

/** Upstream's usage lines for `quantum jobs` without an action. */
const JOBS_USAGE =
  'Usage: quantum jobs <action>\nActions: list, status, run, retry, pause, resume, cancel, history, worker, queues, dispatch, delete\n'

const formatOption = () =>
  new Option('--format <format>', 'output format').choices(['table', 'json']).default('table')

/**
 * Add `jobs list|status|run|pause|resume|delete|history` to `program`. They only use the store, so they
 * work from any process while workers run. `onExit` receives the exit code.
 */
export function addJobsCommand(program: Command, io: CliIO, onExit: (code: number) => void): Command {
  const jobs = program
    .command('jobs')
    .description('list, inspect and control schedules in the store')
    .usage('<action> [options]')
    .argument('[action]')
    .allowExcessArguments()
    .action(groupAction(JOBS_USAGE, io, onExit))
  const exec: Exec = (command, work) => withStore(command, io, work).then(onExit)

  jobs
    .command('list')
    .description(
      'list schedules (by name), then queue jobs (newest first), with their status, next and last run',
    )
    .addOption(new Option('--status <status>', 'only these').choices(LIST_STATUSES).default('all'))
    .option('--queue <queue>', 'only jobs on this queue (schedules are on "scheduler")', nonBlank)
    .option('--limit <n>', 'at most this many rows', wholeNumber(1, 10_000), DEFAULT_LIST_LIMIT)
    .option('--offset <n>', 'skip this many rows first', wholeNumber(0, Number.MAX_SAFE_INTEGER), 0)
    .addOption(formatOption())
    .action(async (options: ListOptions, command: Command) => {
      const { format, queue, ...page } = options
      const filter = { ...page, ...(queue === undefined ? {} : { queue }) }
      await exec(command, async (store, context) => {
        // Where the rows come from: the state folder (and why it is that one), or Redis.
        const header =
          store.kind === 'sqlite'
            ? `State: ${stateFolderText(context.globals, io.cwd)}`
            : `Store: ${store.kind} ${store.location}`
        return listJobs(store, await context.queue(), filter, format, io, header)
      })
    })

  jobs
    .command('status')
    .description(`show a schedule's state, or a queue job's; ${TARGET_RULE}`)
    .argument('<target>', 'schedule name, job ID or job name')
    .addOption(formatOption())
    .action(async (name: string, options: { format: JobsFormat }, command: Command) => {
      await exec(command, (store, context) => jobStatus(store, context.queue, name, options.format, io))
    })

  jobs
    .command('run')
    .description(
      `fire a schedule now (on a running worker, or here without one), queue a job anew, or run job ID again (a failed or cancelled one in place); ${TARGET_RULE}; --sync runs it here`,
    )
    .argument('<target>', 'schedule name, job ID or job name')
    .option('--params <json>', "the job's parameters as a JSON object (a schedule takes none)", jsonParams)
    .option('--sync', 'run it in this process and print the result')
    .action(async (name: string, options: RunOptions, command: Command) => {
      const { params } = options
      await exec(command, async (store, context) => {
        io.stdout.write(`Running job: ${name}...\n`)
        const target = await findTarget(store, context.queue, name)
        if (!target) return jobNotFound(name, io)
        if (target.kind === 'id') return runJobAgain(store, target.job, options, context, io)
        if (target.kind === 'name') {
          return options.sync && target.definition
            ? runJobHere(store, target.definition, params ?? {}, context, io)
            : queueJobRun(store, await context.queue(), name, params ?? {}, io)
        }
        return runJobNow(
          store,
          name,
          {
            ...(params === undefined ? {} : { params }),
            ...(options.sync ? { sync: true } : {}),
            runHere: () => runScheduleHere(store, name, context, io),
          },
          io,
        )
      })
    })

  jobs
    .command('retry')
    .description(`run a failed or cancelled queue job again from attempt 1; ${TARGET_RULE}`)
    .argument('<target>', 'job ID or job name')
    .action(async (text: string, _options: unknown, command: Command) => {
      await exec(command, (store, context) => retryJob(store, context.queue, text, io))
    })

  jobs
    .command('dispatch')
    .description('put one job of a defined q:job on its queue')
    .argument('<name>', 'job name')
    .option('--params <json>', 'parameters as a JSON object', jsonParams)
    .option('--delay <duration>', 'wait this long before it may run (30s, 5m…; at most 365 days)', durationMs)
    .option('--priority <n>', 'higher runs first (0 to 10)', wholeNumber(0, 10))
    .option('--queue <queue>', "the queue (default: the definition's)", nonBlank)
    .action(
      async (
        name: string,
        options: { params?: Record<string, unknown>; delay?: number; priority?: number; queue?: string },
        command: Command,
      ) => {
        const { params } = options
        const dispatch = {
          params: params ?? {},
          ...(options.delay === undefined ? {} : { delayMs: options.delay }),
          ...(options.priority === undefined ? {} : { priority: options.priority }),
          ...(options.queue === undefined ? {} : { queue: options.queue }),
        }
        await exec(command, async (store, context) =>
          dispatchJob(store, await context.queue(), name, dispatch, io),
        )
      },
    )

  jobs
    .command('cancel')
    .description('cancel a pending job by ID, or every pending job of that name')
    .argument('<target>', 'job name or job ID')
    .action(async (target: string, _options: unknown, command: Command) => {
      await exec(command, async (_store, context) => cancelJob(await context.queue(), target, io))
    })

  addQueuesCommand(jobs, io, exec, onExit)

  for (const [verb, description] of [
    ['pause', 'stop firing a schedule until it is resumed'],
    ['resume', 'fire a paused schedule again'],
    ['delete', 'remove a schedule and its state (its history stays)'],
  ] as const satisfies readonly (readonly [ControlVerb, string])[]) {
    jobs
      .command(verb)
      .description(description)
      .argument('<name>', 'schedule name')
      .action(async (name: string, _options: unknown, command: Command) => {
        await exec(command, (store) => controlJob(store, verb, name, io))
      })
  }

  jobs
    .command('history')
    .description('list runs (schedule fires and job attempts), newest first')
    .argument('[name]', 'only runs of this schedule or job')
    .option('--limit <n>', 'at most this many runs', wholeNumber(1, 10_000), 10)
    .addOption(
      new Option('--status <status>', 'only these').choices(['all', 'success', 'failed']).default('all'),
    )
    .option('--wide', 'show each error whole (the table cuts it to 30 characters)')
    .addOption(formatOption())
    .action(
      async (
        name: string | undefined,
        options: { limit: number; status: HistoryStatus; format: JobsFormat; wide?: boolean },
        command: Command,
      ) => {
        const filter = {
          status: options.status,
          limit: options.limit,
          ...(name === undefined ? {} : { name }),
        }
        const table = options.wide ? { wide: true } : {}
        await exec(command, (store, context) =>
          jobHistory(store, context.queue, filter, options.format, io, table),
        )
      },
    )

  addWorkerCommand(jobs, io, onExit)
  return jobs
}

/** The options of `jobs list`. */
interface ListOptions {
  status: ListStatus
  queue?: string
  limit: number
  offset: number
  format: JobsFormat
}

/** The options of `jobs run`. */
interface RunOptions {
  params?: Record<string, unknown>
  sync?: boolean
}
