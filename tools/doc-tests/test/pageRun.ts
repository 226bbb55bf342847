import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { appearsLive, GAP, outputMatches, refreshed } from './compare'
import { type Block, blocksOf, repoRoot, stepsOf, where } from './markdown'
import { Sandbox } from './terminal'

/** Where the sandbox's folder shows in refreshed docs: a path a reader takes for "your checkout". */
const SHOWN_ROOT = '/home/you/quantum-jobs'

/** One shown command whose real output differs. */
export interface Mismatch {
  at: string
  command: string
  shown: string[]
  real: string[]
}

/** The ```console blocks the tests run (those without a `not run` directive). */
export function runnable(block: Block): boolean {
  return block.lang === 'console' && block.directive?.kind !== 'not run'
}

/**
 * Runs a page's shown commands in order in one fresh sandbox, as a reader following the page would,
 * and returns the commands whose output is not what the page shows. With `update`, the page's output
 * lines are rewritten from the real runs instead (live blocks, which show a selection, are not).
 */
export async function runPage(page: string, update: boolean): Promise<Mismatch[]> {
  const text = readFileSync(join(repoRoot, page), 'utf8')
  const pageLines = text.split('\n')
  const sandbox = new Sandbox()
  const mismatches: Mismatch[] = []
  const replacements: { start: number; length: number; lines: string[]; indent: string }[] = []
  try {
    for (const block of blocksOf(page, text)) {
      if (block.directive?.kind === 'file') sandbox.write(block.directive.name, block.lines)
      if (!runnable(block)) continue
      for (const step of stepsOf(block)) {
        const live = step.beforeInterrupt !== undefined
        const printed = await sandbox.run(step.command, {
          ...(live ? { interruptAfter: step.beforeInterrupt, timeoutMs: 45_000 } : {}),
        })
        const real = printed.text.split('\n')
        if (real.at(-1) === '') real.pop()
        if (printed.timedOut) real.push(`[doc-tests: killed after its time ran out, exit ${printed.exit}]`)
        const ok = live ? appearsLive(step.output, real) : outputMatches(step.output, real)
        if (ok) continue
        const at = `${where(block)} (line ${block.fenceLine + 2 + step.outputStart - 1})`
        mismatches.push({ at, command: step.command, shown: step.output, real })
        if (update && !live && !step.output.includes(GAP)) {
          replacements.push({
            start: block.fenceLine + 1 + step.outputStart,
            length: step.outputLength,
            lines: refreshed(step.output, real, sandbox.root, SHOWN_ROOT),
            indent: /^\s*/.exec(pageLines[block.fenceLine] as string)?.[0] ?? '',
          })
        }
      }
    }
  } finally {
    sandbox.remove()
  }
  if (replacements.length > 0) {
    for (const { start, length, lines, indent } of replacements.reverse()) {
      pageLines.splice(start, length, ...lines.map((line) => (line === '' ? '' : `${indent}${line}`)))
    }
    writeFileSync(join(repoRoot, page), pageLines.join('\n'))
  }
  return mismatches
}

/** A mismatch as a reader fixes it: the command, then what the page shows and what it really prints. */
export function describeMismatch({ at, command, shown, real }: Mismatch): string {
  return [
    `${at}: $ ${command}`,
    '  shown:',
    ...shown.map((line) => `    | ${line}`),
    '  printed:',
    ...real.map((line) => `    | ${line}`),
  ].join('\n')
}
