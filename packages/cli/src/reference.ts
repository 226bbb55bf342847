import { type Command, Help } from 'commander'

/**
 * The CLI reference in Markdown, generated from the program's own command, argument and option
 * definitions (with commander's help texts), so the documentation cannot drift from what the CLI accepts.
 * `docs/cli.md` is this text; a test keeps them equal.
 */
export function cliReference(program: Command): string {
  const help = new Help()
  const lines = [
    '# The `quantum` command line',
    '',
    'Generated from the CLI’s own definitions (`packages/cli/src/reference.ts`); do not edit by hand. Run',
    '`UPDATE=1 pnpm --filter @quantum/cli test` after changing a command. Exit codes: 0 on success, 1 on',
    'failure, 2 on a usage error.',
    '',
    program.description(),
    '',
    '## Global options',
    '',
    ...optionTable(help, program),
  ]
  for (const command of help.visibleCommands(program)) {
    if (command.name() === 'help') continue
    lines.push('', ...commandSection(help, command, 'quantum', 2))
  }
  return `${lines.join('\n')}\n`
}

function commandSection(help: Help, command: Command, parent: string, depth: number): string[] {
  const path = `${parent} ${command.name()}`
  const aliases = command.aliases()
  const lines = [`${'#'.repeat(Math.min(depth, 4))} \`${path}\``, '']
  lines.push('```text', help.commandUsage(command), '```', '')
  const description = help.commandDescription(command)
  if (description) lines.push(description, '')
  if (aliases.length > 0)
    lines.push(`Alias: ${aliases.map((alias) => `\`${parent} ${alias}\``).join(', ')}.`, '')
  const args = help.visibleArguments(command)
  if (args.length > 0) {
    lines.push('| argument | description |', '| --- | --- |')
    for (const arg of args)
      lines.push(`| \`${help.argumentTerm(arg)}\` | ${cell(help.argumentDescription(arg))} |`)
    lines.push('')
  }
  const options = optionTable(help, command)
  if (options.length > 0) lines.push(...options, '')
  for (const sub of help.visibleCommands(command)) {
    if (sub.name() === 'help') continue
    lines.push(...commandSection(help, sub, path, depth + 1))
  }
  return lines
}

function optionTable(help: Help, command: Command): string[] {
  const options = help.visibleOptions(command).filter((option) => option.long !== '--help')
  if (options.length === 0) return []
  return [
    '| option | description |',
    '| --- | --- |',
    ...options.map(
      (option) => `| \`${help.optionTerm(option)}\` | ${cell(help.optionDescription(option))} |`,
    ),
  ]
}

/** Table cell text: pipes escaped, on one line. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\s*\n\s*/g, ' ') || '-'
}
