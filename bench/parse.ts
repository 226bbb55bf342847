import { parse } from '@quantum/parser'
import { DOMParser } from '@xmldom/xmldom'
import { generateDocument } from './lib/generate'
import { race } from './lib/measure'

// @quantum/parser against a bare @xmldom/xmldom parse of the same 1 MB text, in one process run.
const source = generateDocument(1024 * 1024)
const megabytes = Buffer.byteLength(source) / (1024 * 1024)
const xmldom = new DOMParser({ onError: () => {} })

const times = race(
  [
    { name: 'xmldom', run: () => xmldom.parseFromString(source, 'text/xml') },
    { name: 'quantum', run: () => parse(source, { file: 'bench.q' }) },
  ],
  { warmup: 3, rounds: 15 },
)
const xmldomRate = megabytes / (times.get('xmldom') as number)
const quantumRate = megabytes / (times.get('quantum') as number)
console.log(`parse ${megabytes.toFixed(2)} MB .q (median of 15)`)
console.log(`  @xmldom/xmldom bare   ${xmldomRate.toFixed(2)} MB/s`)
console.log(`  @quantum/parser       ${quantumRate.toFixed(2)} MB/s`)
console.log(`  ratio quantum/xmldom  ${(quantumRate / xmldomRate).toFixed(2)}x (target >= 0.50x)`)
