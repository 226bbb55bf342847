import { resolve } from 'node:path'
import type { ErrorCode, QuantumError } from '@quantum/ast'
import { check, problemCount } from '@quantum/parser'
import { type Command, Option } from 'commander'
import { palette } from '../format/color'
import { type DiagnosticLike, formatDiagnostics, type Severity } from '../format/diagnostic'
import { plural } from '../format/plural'
import { type RawGlobalOptions, resolveGlobalOptions } from '../globalOptions'
import { type CliIO, useColor } from '../io'
import { loadConfigOrReport, stderrReport } from '../problems'
import { readSource } from '../readSource'

/** How `quantum check` prints its results. */
export type CheckFormat = 'text' | 'json'

/**
 * One entry of `quantum check --format json`: `ok` when the file has no errors (it may have warnings);
 * its diagnostics in source order, positions 1-based, `null` when unknown.
 */
export interface CheckJsonResult {
  file: string
  ok: boolean
  diagnostics: {
    severity: Severity
    code: ErrorCode
    message: string
    line: number | null
    column: number | null
    endLine: number | null
    endColumn: number | null
  }[]
}

interface FileResult {
  file: string
  source?: string
  /** Errors and warnings, in source order. */
  diagnostics: DiagnosticLike[]
  /** How many problems the errors stand for (a `PARSE_TOO_MANY_PROBLEMS` counts those it left out). */
  problems: number
  warnings: number
}

/**
 * Add the `check` subcommand to `program`; `onExit` receives the exit code once every file is checked.
 * Uses `program.command()` rather than `addCommand()` so it inherits the program's output and exit settings.
 */
export function addCheckCommand(program: Command, io: CliIO, onExit: (code: number) => void): Command {
  return program
    .command('check')
    .description(
      'parse and validate .q files, printing every problem with its location; a file over parser.maxSourceBytes (5 MiB) is refused unread',
    )
    .argument('<files...>', '.q files to check')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (files: string[], _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<RawGlobalOptions & { format: CheckFormat }>()
      const inEffect = await loadConfigOrReport(resolveGlobalOptions(options, io), io, stderrReport(io))
      if (!inEffect) return onExit(1)
      const maxSourceBytes = inEffect.loaded.config.parser?.maxSourceBytes
      onExit(await runCheck(files, io, { format: options.format, maxSourceBytes }))
    })
}

/**
 * Check `files` in order and report them in `format`; returns 0 when no file has errors (warnings are
 * fine), else 1. A file over `maxSourceBytes` is refused before it is read.
 */
export async function runCheck(
  files: readonly string[],
  io: CliIO,
  { format, maxSourceBytes }: { format: CheckFormat; maxSourceBytes?: number },
): Promise<number> {
  const color = format === 'text' && useColor(io.stdout, io.env)
  const paint = palette(color)
  const results: FileResult[] = []
  for (const file of files) {
    const result = await checkFile(file, io.cwd, maxSourceBytes)
    results.push(result)
    if (format === 'json') continue
    if (result.diagnostics.length === 0) {
      io.stdout.write(`${paint.green('ok')} ${file}\n`)
      continue
    }
    const options = result.source === undefined ? { file, color } : { file, color, source: result.source }
    io.stdout.write(`${formatDiagnostics(result.diagnostics, options)}\n`)
  }
  if (format === 'json') io.stdout.write(`${JSON.stringify(results.map(toJson), null, 2)}\n`)

  const problems = results.reduce((sum, result) => sum + result.problems, 0)
  const warnings = results.reduce((sum, result) => sum + result.warnings, 0)
  const warned = warnings === 0 ? '' : plural(warnings, 'warning')
  if (problems === 0) {
    const files = results.filter((result) => result.warnings > 0).length
    if (warnings > 0) io.stderr.write(`${warned} in ${plural(files, 'file')}\n`)
    return 0
  }
  const failed = results.filter((result) => result.problems > 0).length
  io.stderr.write(`${plural(problems, 'problem')} in ${plural(failed, 'file')}${warned && `, ${warned}`}\n`)
  return 1
}

async function checkFile(file: string, cwd: string, maxSourceBytes?: number): Promise<FileResult> {
  const read = await readSource(resolve(cwd, file), file, maxSourceBytes)
  if (!read.ok) return { file, diagnostics: [read.error], problems: 1, warnings: 0 }
  const { source } = read
  const result = check(source, { file, maxSourceBytes })
  const warnings = result.warnings.map(asWarning)
  // Stable: an error and a warning at one place keep the error first.
  const diagnostics = [...result.diagnostics, ...warnings].sort((a, b) => offsetOf(a) - offsetOf(b))
  return {
    file,
    source,
    diagnostics,
    problems: problemCount(result.diagnostics),
    warnings: problemCount(result.warnings),
  }
}

function asWarning({ code, message, position, file, details }: QuantumError): DiagnosticLike {
  const warning: DiagnosticLike = { code, message, severity: 'warning' }
  if (position) warning.position = position
  if (file !== undefined) warning.file = file
  if (details) warning.details = details
  return warning
}

const offsetOf = (diagnostic: DiagnosticLike) => diagnostic.position?.start.offset ?? 0

function toJson(result: FileResult): CheckJsonResult {
  return {
    file: result.file,
    ok: result.problems === 0,
    diagnostics: result.diagnostics.map(({ code, message, position, severity = 'error' }) => ({
      severity,
      code,
      message,
      line: position?.start.line ?? null,
      column: position?.start.column ?? null,
      endLine: position?.end.line ?? null,
      endColumn: position?.end.column ?? null,
    })),
  }
}
