import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { extractSnippets, type Snippet } from './extract.js'

/** What a user of the snippets would be told by `tsc`: one problem per diagnostic, at its Markdown line. */
export interface SnippetReport {
  checked: Snippet[]
  notChecked: Snippet[]
  /** `file.md:line:col TS1234 message`, in file order. */
  problems: string[]
}

/**
 * Compiler options of a new user's project: strict ESM on Node (NodeNext), plus the checks this
 * repository holds its own code to, so a snippet compiles wherever it is pasted.
 */
export const SNIPPET_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  verbatimModuleSyntax: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  types: ['node'],
  skipLibCheck: true,
  noEmit: true,
}

/**
 * Type-checks the TypeScript blocks of `markdownFiles` (relative to `root`) as modules placed in
 * `packageDir`, so their imports resolve through that package's dependencies (the built workspace
 * packages, as a user installing them gets).
 */
export function checkSnippets(root: string, markdownFiles: string[], packageDir: string): SnippetReport {
  const report: SnippetReport = { checked: [], notChecked: [], problems: [] }
  const virtual = new Map<string, Snippet>()
  for (const file of markdownFiles) {
    const { snippets, problems } = extractSnippets(readFileSync(join(root, file), 'utf8'), file)
    for (const problem of problems)
      report.problems.push(`${problem.file}:${problem.line}:1 ${problem.message}`)
    for (const snippet of snippets) {
      if (snippet.notChecked !== undefined) {
        report.notChecked.push(snippet)
        continue
      }
      report.checked.push(snippet)
      virtual.set(join(packageDir, '.snippets', `${file}.L${snippet.line}.ts`), snippet)
    }
  }
  if (virtual.size === 0) return report

  const host = ts.createCompilerHost(SNIPPET_OPTIONS)
  const { fileExists, readFile, getSourceFile } = host
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name)
  host.readFile = (name) => virtual.get(name)?.code ?? readFile.call(host, name)
  host.getSourceFile = (name, language, onError, create) => {
    const snippet = virtual.get(name)
    return snippet
      ? ts.createSourceFile(name, snippet.code, language, true)
      : getSourceFile.call(host, name, language, onError, create)
  }
  const program = ts.createProgram([...virtual.keys()], SNIPPET_OPTIONS, host)
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    report.problems.push(describe(diagnostic, virtual))
  }
  return report
}

function describe(diagnostic: ts.Diagnostic, virtual: Map<string, Snippet>): string {
  const message = `TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`
  const snippet = diagnostic.file && virtual.get(diagnostic.file.fileName)
  if (!snippet || !diagnostic.file || diagnostic.start === undefined) {
    const where = diagnostic.file ? `${diagnostic.file.fileName}: ` : ''
    return `${where}${message}`
  }
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
  return `${snippet.file}:${snippet.line + line}:${snippet.indent + character + 1} ${message}`
}
