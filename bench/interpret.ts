import { parse } from '@quantum/parser'
import { createRuntime } from '@quantum/runtime'
import { Liquid } from 'liquidjs'
import { median } from './lib/measure'

// The Quantum interpreter against liquidjs (the peer template interpreter), same loop, same process.
const ITERATIONS = 1_000_000
const STATEMENTS = ITERATIONS * 2 // an increment and an if per iteration

const document = parse(
  `<q:component name="Bench">
     <q:set name="hits" value="{0}"/>
     <q:loop type="range" var="i" from="1" to="${ITERATIONS}">
       <q:set name="count" operation="increment"/>
       <q:if condition="{i == 500000}"><q:set name="hits" operation="increment"/></q:if>
     </q:loop>
     <q:return value="{count}"/>
   </q:component>`,
  { file: 'bench.q' },
)
const runtime = createRuntime()
const liquid = new Liquid()
const template = liquid.parse(
  `{% for i in (1..${ITERATIONS}) %}{% increment count %}{% if i == 500000 %}{% increment hits %}{% endif %}{% endfor %}`,
)

async function timeQuantum(): Promise<number> {
  const start = process.hrtime.bigint()
  const result = await runtime.run(document)
  if (result.result !== ITERATIONS) throw new Error(`quantum counted ${String(result.result)}`)
  return Number(process.hrtime.bigint() - start) / 1e9
}

function timeLiquid(): number {
  const start = process.hrtime.bigint()
  // renderSync is liquidjs's fastest path (no promise per tag)
  const output = liquid.renderSync(template, {})
  if (!output.endsWith(String(ITERATIONS - 1))) throw new Error('liquid did not count')
  return Number(process.hrtime.bigint() - start) / 1e9
}

const quantum: number[] = []
const peer: number[] = []
await timeQuantum()
timeLiquid()
for (let round = 0; round < 5; round++) {
  quantum.push(await timeQuantum())
  peer.push(timeLiquid())
}
const quantumRate = STATEMENTS / median(quantum)
const liquidRate = STATEMENTS / median(peer)
console.log(`interpret ${ITERATIONS.toLocaleString('en')}-iteration loop: increment + if (median of 5)`)
console.log(`  liquidjs          ${(liquidRate / 1e6).toFixed(2)} M statements/s`)
console.log(`  @quantum/runtime  ${(quantumRate / 1e6).toFixed(2)} M statements/s`)
console.log(`  ratio quantum/liquidjs  ${(quantumRate / liquidRate).toFixed(2)}x (target > 1.00x)`)
