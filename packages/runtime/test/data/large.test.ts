import { once } from 'node:events'
import { createWriteStream, statSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDataApp, type DataApp } from '../support/dataApp'

const TARGET_BYTES = 200 * 1024 * 1024
const HEAP_GROWTH_LIMIT = 150 * 1024 * 1024
/** Every this many rows, one lives in Atlantis. */
const EVERY = 250_000

let app: DataApp
let rows = 0

/** A CSV of about 200 MB, written in slices so the test never holds it either. */
async function generate(path: string) {
  const out = createWriteStream(path)
  out.write('id,email,city,amount,note\n')
  const note = 'lorem ipsum dolor sit amet '.repeat(5)
  let size = 0
  while (size < TARGET_BYTES) {
    let slice = ''
    for (let i = 0; i < 5000; i++, rows++) {
      const city = rows % EVERY === 7 ? 'Atlantis' : `city${rows % 97}`
      slice += `${rows},user${rows}@example.com,${city},${(rows % 1000) / 10},"${note}, row ${rows}"\n`
    }
    size += Buffer.byteLength(slice)
    if (!out.write(slice)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'close')
}

beforeAll(async () => {
  app = createDataApp()
  await generate(app.write('jobs/huge.csv', ''))
}, 120_000)

afterAll(() => app.remove())

describe('a 200 MB CSV', () => {
  it('is filtered to a few rows as it streams, within a fixed heap bound', async () => {
    expect(statSync(`${app.app}/jobs/huge.csv`).size).toBeGreaterThanOrEqual(TARGET_BYTES)
    globalThis.gc?.()
    const baseline = process.memoryUsage().heapUsed
    let peak = baseline
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed)
    }, 10)
    try {
      const result = await app.run(`
  <q:data name="found" source="huge.csv" type="csv" result="meta">
    <q:column name="id" type="integer"/>
    <q:column name="amount" type="decimal"/>
    <q:transform>
      <q:filter condition="{city == 'Atlantis'}"/>
      <q:compute field="cents" expression="{amount * 100}" type="integer"/>
    </q:transform>
  </q:data>
  <q:return value="{found}"/>`)
      peak = Math.max(peak, process.memoryUsage().heapUsed)
      const expected = Array.from({ length: Math.ceil((rows - 7) / EVERY) }, (_, i) => i * EVERY + 7)
      expect((result.result as { id: number }[]).map((row) => row.id)).toEqual(expected)
      expect(result.result).toContainEqual(
        expect.objectContaining({ id: 7, city: 'Atlantis', amount: 0.7, cents: 70 }),
      )
      expect(result.variables.meta).toMatchObject({ success: true, recordCount: expected.length })
    } finally {
      clearInterval(sampler)
    }
    expect(peak - baseline).toBeLessThan(HEAP_GROWTH_LIMIT)
  }, 300_000)

  it('stops reading at a limit', async () => {
    const started = performance.now()
    const result = await app.run(`
  <q:data name="first" source="huge.csv" type="csv">
    <q:transform><q:limit value="10"/></q:transform>
  </q:data>
  <q:return value="{len(first)}"/>`)
    expect(result.result).toBe(10)
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  it("ends at the run's wall time, even with result=, which never swallows a limit", async () => {
    const started = performance.now()
    const error = await app.fail(
      `
  <q:data name="all" source="huge.csv" type="csv" result="meta">
    <q:transform><q:sort by="id"/></q:transform>
  </q:data>`,
      {},
      { limits: { maxWallTimeMs: 300 } },
    )
    expect([error.code, error.location]).toEqual(['RUNTIME_LIMIT_EXCEEDED', 'jobs/import.q:3:3'])
    expect(error.message).toBe('run exceeded its wall time of 300 ms')
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})
