import { check } from '../../../src/index'

/**
 * Run by parseMemory.test.ts in a child Node with a small heap (`--expose-gc`): checks the source
 * read from stdin and prints how long that took, how many problems it found, and how much heap the
 * returned document keeps, in MB. A check that needs more heap than the child has aborts it.
 */
const gc = (globalThis as { gc?: () => void }).gc as () => void
const chunks: Buffer[] = []
for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
let source: string | undefined = Buffer.concat(chunks.splice(0)).toString('utf8')
gc()
const before = process.memoryUsage().heapUsed
const started = performance.now()
const result = check(source)
const ms = performance.now() - started
source = undefined
gc()
const keptMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024
process.stdout.write(JSON.stringify({ ms, problems: result.diagnostics.length, keptMb }))
