import type { Command } from 'commander'
import type { CliIO } from '../io'

/**
 * The action of a command group (`jobs`, `jobs queues`, `worker`), which takes its subcommand as an
 * optional argument: without one, upstream's `usage` lines and exit 1; with one that does not exist,
 * commander's unknown-command usage error, with its suggestion (`(Did you mean list?)`).
 */
export function groupAction(usage: string, io: CliIO, onExit: (code: number) => void) {
  return (action: string | undefined, _options: unknown, command: Command): void => {
    // The group's own argument took the name, so commander did not look for a near subcommand: ask it to.
    // `unknownCommand` is commander's (typed private); it throws the usage error, suggestion included.
    if (action !== undefined) (command as unknown as { unknownCommand(): never }).unknownCommand()
    io.stderr.write(usage)
    onExit(1)
  }
}
