// The child of `childRun.ts`: runs one body and prints how it ended as JSON.
import { parse } from '@quantum/parser'
import { createRuntime } from '../../src/index'
import { createDatasources } from '../../src/services'
import type { ChildRun } from './childRun'

const run = JSON.parse(process.argv[2] ?? '{}') as ChildRun
const datasources = createDatasources(run.datasources ?? {}, { home: run.home })
let outcome: Record<string, unknown>
try {
  const document = parse(`<q:component name="Test">${run.source}</q:component>`, { file: 'test.q' })
  const result = await createRuntime({ datasources }, { limits: run.limits ?? {} }).run(document)
  outcome = { result: result.result }
} catch (error) {
  const { code, location, message } = error as { code?: string; location?: string; message?: string }
  outcome = { code, location, message }
} finally {
  await datasources.close()
}
outcome.peakMb = Math.round(process.resourceUsage().maxRSS / 1024)
process.stdout.write(JSON.stringify(outcome))
