import type { Position, Statement } from '@quantum/ast'
import { builtinTags, defineTag, parse, TagRegistry } from '@quantum/parser'
import { describe, expect, it } from 'vitest'
import { all } from '../../src/execute'
import { createRuntime, defineRegister, type ExecutionHandler, observeIterations } from '../../src/index'
import { andThen } from '../../src/maybe'

/** `<q:tally/>` writes how many tallies its run has made; `<q:rows>` writes how many loop iterations its body ran. */
const registry = new TagRegistry(builtinTags).plugin((r) => {
  r.register(
    defineTag<{ type: 'tally'; position: Position }>({
      tag: 'tally',
      placement: 'statement',
      attributes: [],
      parse: (element) => ({ type: 'tally', position: element.position }),
    }),
  )
  r.register(
    defineTag<{ type: 'rows'; body: Statement[]; position: Position }>({
      tag: 'rows',
      placement: 'statement',
      attributes: [],
      parse: (element, ctx) => ({
        type: 'rows',
        body: ctx.statements(element.children),
        position: element.position,
      }),
    }),
  )
})

const tallies = defineRegister('tally: count', () => ({ count: 0 }))

const tally: ExecutionHandler<{ position: Position }> = (node, ctx) => {
  const state = ctx.run.registers.get(tallies)
  state.count++
  ctx.run.write(`${state.count} `, node)
  return undefined
}

const rows: ExecutionHandler<{ body: Statement[]; position: Position }> = (node, ctx) => {
  const scope = ctx.child('callback')
  let iterations = 0
  const stop = observeIterations(scope, () => iterations++)
  return andThen(all(node.body, scope), () => {
    stop()
    ctx.run.write(`${iterations} `, node)
    return undefined
  })
}

function pluginRuntime() {
  const runtime = createRuntime()
  runtime.register('tally', tally as ExecutionHandler<never>)
  runtime.register('rows', rows as ExecutionHandler<never>)
  return runtime
}

const component = (body: string) => parse(`<q:component name="P">${body}</q:component>`, { registry })

describe('plugin tags keep per-run state in registers', () => {
  it('a register belongs to one run: it starts fresh in the next and in a concurrent one', async () => {
    const runtime = pluginRuntime()
    const document = component(
      '<q:tally/><q:loop type="range" from="1" to="2" var="i"><q:sleep duration="5ms"/><q:tally/></q:loop>',
    )
    const first = await runtime.run(document)
    const together = await Promise.all([runtime.run(document), runtime.run(document)])
    expect([first, ...together].map((result) => result.output)).toEqual(['1 2 3 ', '1 2 3 ', '1 2 3 '])
  })

  it('a tag with a body is told of its own loop iterations, not those of called functions or nested observers', async () => {
    const result = await pluginRuntime().run(
      component(
        `<q:function name="spin"><q:loop type="range" from="1" to="5" var="k"></q:loop><q:return value="{0}"/></q:function>
        <q:rows>
          <q:loop type="array" var="x" items="{[1, 2]}">
            <q:set name="spun" value="{spin()}"/>
            <q:rows><q:loop type="range" from="1" to="3" var="i"></q:loop></q:rows>
          </q:loop>
        </q:rows>`,
      ),
    )
    expect(result.output).toBe('3 3 2 ')
  })
})
