import { spawn } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { cpus, freemem, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'

/**
 * `pnpm bench`: runs every benchmark in this folder, one after the other in its own process (so one's
 * garbage and threads do not weigh on the next), shows each as it runs, and writes what each printed
 * (its figures beside the raw library's, and the ratios) to BENCHMARKS.md at the repository root, with
 * the machine and the date: the numbers mean nothing without them.
 */

const here = fileURLToPath(new URL('.', import.meta.url))
const target = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url))
const only = process.argv.slice(2)
const benches = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.slice(0, -3))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort()

const sections: string[] = []
let failed = 0
for (const name of benches) {
  process.stdout.write(`\n== ${name}\n`)
  const started = Date.now()
  const { code, output } = await runBench(name)
  const seconds = ((Date.now() - started) / 1000).toFixed(0)
  if (code !== 0) failed++
  const status = code === 0 ? `${seconds} s` : `failed (exit ${code}) after ${seconds} s`
  sections.push(`## ${name} (\`bench/${name}.ts\`, ${status})\n\n\`\`\`text\n${output.trimEnd()}\n\`\`\`\n`)
}

const cpu = cpus()
const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`
const header = `# Benchmarks

Written by \`pnpm bench\` (\`bench/run.ts\`); do not edit by hand. Each benchmark runs Quantum beside the
raw library underneath it in the same process run and reports both and their ratio; the targets are in
each one's output. Numbers from a shared, noisy machine move between runs: compare ratios, not figures.

- Date: ${new Date().toISOString()}
- Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${gib(totalmem())} memory (${gib(freemem())} free at the start)
- Node.js ${process.version} on ${process.platform} ${process.arch}
`
// A partial run (`tsx run.ts parse queue`) shows its figures but leaves the full report alone.
if (only.length === 0) {
  writeFileSync(target, `${header}\n${sections.join('\n')}`)
  process.stdout.write(`\nwrote ${target}\n`)
}
process.exitCode = failed > 0 ? 1 : 0

/** Run one benchmark with tsx, echoing its output as it comes, and keep that output. */
function runBench(name: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${name}.ts`], { cwd: here })
    let output = ''
    const keep = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output += chunk.toString()
      to.write(chunk)
    }
    child.stdout.on('data', (chunk: Buffer) => keep(chunk, process.stdout))
    child.stderr.on('data', (chunk: Buffer) => keep(chunk, process.stderr))
    child.on('close', (code) => resolve({ code: code ?? 1, output }))
  })
}
