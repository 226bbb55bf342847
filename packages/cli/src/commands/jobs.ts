import { type Command, Option } from 'commander'
import type { CliIO } from '../io'
import { type ControlVerb, controlJob } from '../jobs/control'
import { type HistoryStatus, jobHistory } from '../jobs/history'
import { type JobsFormat, listJobs } from '../jobs/list'
import type { ListStatus } from '../jobs/rows'
import { runScheduleHere } from '../jobs/runHere'
import { runJobNow } from '../jobs/runNow'
import { jobStatus } from '../jobs/status'
import { wholeNumber } from '../optionValues'
import { withStore } from './withStore'
import { addWorkerCommand } from './worker'

/** Upstream's usage lines for `quantum jobs` without an action. */
const JOBS_USAGE =
  'Usage: quantum jobs <action>\nActions: list, status, run, pause, resume, delete, history, worker\n'

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
    .action((action: string | undefined, _options: unknown, command: Command) => {
      // Subcommands take their own names; what arrives here is no action, or one that does not exist.
      if (action !== undefined) command.error(`error: unknown action '${action}'`)
      io.stderr.write(JOBS_USAGE)
      onExit(1)
    })
  const exec = (command: Command, work: Parameters<typeof withStore>[2]) =>
    withStore(command, io, work).then(onExit)

  jobs
    .command('list')
    .description('list schedules with their status, next and last run')
    .addOption(
      new Option('--status <status>', 'only these')
        .choices(['all', 'active', 'paused', 'pending', 'running', 'failed'])
        .default('all'),
    )
    .option('--queue <queue>', 'only jobs on this queue (schedules are on "scheduler")')
    .addOption(formatOption())
    .action(async (options: { status: ListStatus; queue?: string; format: JobsFormat }, command: Command) => {
      const filter =
        options.queue === undefined
          ? { status: options.status }
          : { status: options.status, queue: options.queue }
      await exec(command, (store) => listJobs(store, filter, options.format, io))
    })

  jobs
    .command('status')
    .description("show one schedule's state")
    .argument('<name>', 'schedule name')
    .addOption(formatOption())
    .action(async (name: string, options: { format: JobsFormat }, command: Command) => {
      await exec(command, (store) => jobStatus(store, name, options.format, io))
    })

  jobs
    .command('run')
    .description('fire a schedule now: on a running worker, or here without one (or with --sync)')
    .argument('<name>', 'schedule name')
    .option('--params <json>', 'parameters as a JSON object (a schedule takes none)')
    .option('--sync', 'run it in this process and print the result, even when a worker runs')
    .action(async (name: string, options: { params?: string; sync?: boolean }, command: Command) => {
      let params: Record<string, unknown> | undefined
      if (options.params !== undefined) {
        const parsed = parseParams(options.params)
        if (typeof parsed === 'string') {
          io.stderr.write(`Invalid JSON parameters: ${parsed}\n`)
          onExit(1)
          return
        }
        params = parsed
      }
      await exec(command, (store, context) =>
        runJobNow(
          store,
          name,
          {
            ...(params === undefined ? {} : { params }),
            ...(options.sync ? { sync: true } : {}),
            runHere: () => runScheduleHere(store, name, context, io),
          },
          io,
        ),
      )
    })

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
    .description('list runs, newest first')
    .argument('[name]', 'only runs of this schedule')
    .option('--limit <n>', 'at most this many runs', wholeNumber(1, 10_000), 10)
    .addOption(
      new Option('--status <status>', 'only these').choices(['all', 'success', 'failed']).default('all'),
    )
    .addOption(formatOption())
    .action(
      async (
        name: string | undefined,
        options: { limit: number; status: HistoryStatus; format: JobsFormat },
        command: Command,
      ) => {
        const filter = {
          status: options.status,
          limit: options.limit,
          ...(name === undefined ? {} : { name }),
        }
        await exec(command, (store) => jobHistory(store, filter, options.format, io))
      },
    )

  addWorkerCommand(jobs, io, onExit)
  return jobs
}

/** The parameters object, or why the text is not one (upstream: `Invalid JSON parameters: <message>`). */
function parseParams(text: string): Record<string, unknown> | string {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return (error as Error).message
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'expected a JSON object, like {"id": 7}'
  }
  return value as Record<string, unknown>
}
