import { QuantumError } from '@quantum/ast'
import { checkTimeValue, instantOf, nextFires } from '@quantum/time'
import type { Command } from 'commander'
import { isoInZone } from '../format/instant'
import type { CliIO } from '../io'
import { wholeNumber } from '../optionValues'
import { asDiagnostic, stderrReport } from '../problems'

/** The options of `quantum cron next`. */
export interface CronNextOptions {
  /** IANA zone the expression is read in. @defaultValue `UTC` */
  tz: string
  /** Fires strictly after this ISO 8601 instant (without an offset: wall-clock time in `tz`). @defaultValue now */
  from?: string
  count: number
}

/** Most instants one `cron next` prints. */
const MAX_COUNT = 1000

/** Add `cron next EXPR [--tz ZONE] [--from ISO] [--count N]` to `program`; `onExit` receives the exit code. */
export function addCronCommand(program: Command, io: CliIO, onExit: (code: number) => void): Command {
  const cron = program.command('cron').description('work with cron expressions')
  cron
    .command('next')
    .description("print the next instants a cron expression fires at, from the scheduler's own code")
    .argument('<expr>', 'cron expression, quoted: 5 fields, or 6 with seconds first')
    .option('--tz <zone>', 'IANA timezone the expression is read in', 'UTC')
    .option('--from <iso>', 'count fires after this instant (default: now)')
    .option('--count <n>', 'how many instants', wholeNumber(1, MAX_COUNT), 5)
    .action((expression: string, options: CronNextOptions) => {
      onExit(cronNext(expression, options, io))
    })
  return cron
}

/**
 * Print the next `count` fires of `expression`, one ISO 8601 instant with the zone's offset per line
 * (`2027-03-14T03:00:00-04:00`), computed by `nextFires` of `@quantum/time`, as the scheduler computes them.
 * An invalid expression, zone or `--from` is printed as the parser reports it (`error PARSE_INVALID_CRON: …`).
 *
 * @returns 0, or 1 for invalid input
 */
export function cronNext(expression: string, options: CronNextOptions, io: CliIO): number {
  const report = stderrReport(io)
  // The expression is checked first, so that its problem is the one reported.
  const checked = checkTimeValue('cron', expression)
  if (!checked.ok) {
    report({ code: checked.code, message: checked.message })
    return 1
  }
  let from = new Date()
  let fires: Date[]
  try {
    if (options.from !== undefined) from = instantOf(options.from, options.tz)
    fires = nextFires(expression, { timezone: options.tz, from, count: options.count })
  } catch (error) {
    if (!QuantumError.is(error)) throw error
    report(asDiagnostic(error))
    return 1
  }
  const format = isoInZone(options.tz.trim())
  io.stdout.write(fires.map((fire) => `${format(fire)}\n`).join(''))
  const last = fires.at(-1)
  // Past croner's search horizon nothing more comes: say so rather than print fewer lines without a word.
  if (!last) io.stderr.write(`The expression never fires after ${format(from)}.\n`)
  else if (fires.length < options.count)
    io.stderr.write(`The expression fires no more after ${format(last)}.\n`)
  return 0
}
