import { describe, expect, it } from 'vitest'
import { run, runError } from '../helpers'

const ORDERS = [
  { id: 1, customer: 'Ada', total: 120, active: true },
  { id: 2, customer: 'Grace', total: 35.5, active: true },
  { id: 3, customer: 'Linus', total: 300, active: false },
  { id: 4, customer: 'Margaret', total: 80, active: true },
  { id: 5, customer: 'Alan', total: 210, active: true },
]

describe('q:data with q:transform', () => {
  it('filters, sorts descending, limits and computes a typed field on an array variable', async () => {
    const result = await run(
      `
      <q:data name="top" source="{orders}">
        <q:transform>
          <q:filter condition="{active == true}"/>
          <q:sort by="total" order="DESC"/>
          <q:limit value="3"/>
          <q:compute field="tax" expression="{total * 0.1}" type="integer"/>
        </q:transform>
      </q:data>
      <q:loop type="array" var="o" items="{top}"><li>{o.customer} {o.total} {o.tax}</li></q:loop>
      <p>{top_result.recordCount} {top_result.success} {top.length}</p>
      <q:return value="{top}"/>
    `,
      { params: { orders: ORDERS } },
    )
    expect(result.result).toEqual([
      { id: 5, customer: 'Alan', total: 210, active: true, tax: 21 },
      { id: 1, customer: 'Ada', total: 120, active: true, tax: 12 },
      { id: 4, customer: 'Margaret', total: 80, active: true, tax: 8 },
    ])
    expect(result.output).toContain('<li>Alan 210 21</li>\n<li>Ada 120 12</li>\n<li>Margaret 80 8</li>')
    expect(result.output).toContain('<p>3 true 3</p>')
    // The source is left as it was.
    expect(result.variables.orders).toEqual(ORDERS)
  })

  it('sorts ascending by default and reads outer variables in conditions', async () => {
    const result = await run(
      `
      <q:set name="minimum" value="{100}"/>
      <q:data name="big" source="{orders}">
        <q:transform>
          <q:filter condition="total >= minimum"/>
          <q:sort by="customer"/>
          <q:compute field="label" expression="{customer + ' #' + id}" type="string"/>
        </q:transform>
      </q:data>
      <q:return value="{big}"/>
    `,
      { params: { orders: ORDERS } },
    )
    expect((result.result as { label: string }[]).map((row) => row.label)).toEqual([
      'Ada #1',
      'Alan #5',
      'Linus #3',
    ])
  })

  it('puts records without the sort field last, in either order', async () => {
    const rows = [
      { n: 'b', rank: 2 },
      { n: 'x' },
      { n: 'a', rank: 1 },
      { n: 'y', rank: null },
      { n: 'c', rank: 3 },
    ]
    const result = await run(
      `
      <q:data name="up" source="{rows}"><q:transform><q:sort by="rank"/></q:transform></q:data>
      <q:data name="down" source="{rows}"><q:transform><q:sort by="rank" order="desc"/></q:transform></q:data>
      <p>{up[0].n}{up[1].n}{up[2].n}{up[3].n}{up[4].n} {down[0].n}{down[1].n}{down[2].n}{down[3].n}{down[4].n}</p>
    `,
      { params: { rows } },
    )
    expect(result.output).toContain('<p>abcxy cbaxy</p>')
  })

  it('reads records from JSON text', async () => {
    const result = await run(
      `
      <q:data name="cheap" source="{json}" type="json">
        <q:transform>
          <q:filter condition="{price &lt; 10}"/>
          <q:sort by="price" order="asc"/>
        </q:transform>
      </q:data>
      <p>{cheap.length}: {cheap[0].name}, {cheap[1].name}</p>
    `,
      {
        params: {
          json: '[{"name":"pen","price":2.5},{"name":"book","price":12},{"name":"cup","price":1}]',
        },
      },
    )
    expect(result.output).toContain('<p>2: cup, pen</p>')
  })

  it('reads records from CSV text, with quoted fields and numeric sorting of numeric columns', async () => {
    const csv = [
      'name,city,age',
      'Ada,"London, UK",36',
      'Grace,"New York, ""NY""",9',
      'Linus,Helsinki,120',
      'Alan,Wilmslow,41',
      '',
    ].join('\n')
    const result = await run(
      `
      <q:data name="people" source="{csv}" type="csv">
        <q:transform>
          <q:filter condition="{age &gt; 20}"/>
          <q:sort by="age" order="desc"/>
          <q:compute field="decades" expression="{age / 10}" type="integer"/>
        </q:transform>
      </q:data>
      <q:data name="young" source="{csv}" type="csv">
        <q:transform><q:sort by="age"/></q:transform>
      </q:data>
      <q:return value="{{people: people, young: young}}"/>
    `,
      { params: { csv } },
    )
    const { people, young } = result.result as Record<string, Record<string, unknown>[]>
    expect(people).toEqual([
      { name: 'Linus', city: 'Helsinki', age: '120', decades: 12 },
      { name: 'Alan', city: 'Wilmslow', age: '41', decades: 4 },
      { name: 'Ada', city: 'London, UK', age: '36', decades: 3 },
    ])
    expect(young?.map((row) => `${row.name}:${row.city}`)).toEqual([
      'Grace:New York, "NY"',
      'Ada:London, UK',
      'Alan:Wilmslow',
      'Linus:Helsinki',
    ])
  })

  it('reads rows of a query result like any array', async () => {
    const result = await run(
      `
      <q:data name="names" source="{rows}">
        <q:transform>
          <q:compute field="upper" expression="{upper(name)}"/>
          <q:limit value="1"/>
        </q:transform>
      </q:data>
      <p>{names[0].upper}</p>
    `,
      { params: { rows: [{ name: 'ada' }, { name: 'grace' }] } },
    )
    expect(result.output).toContain('<p>ADA</p>')
  })

  it('fails with RUNTIME_TYPE_ERROR when a computed value does not convert to its type', async () => {
    const error = await runError(
      `
      <q:data name="bad" source="{rows}">
        <q:transform><q:compute field="n" expression="{name}" type="integer"/></q:transform>
      </q:data>
    `,
      { params: { rows: [{ name: 'ada' }] } },
    )
    expect(error.code).toBe('RUNTIME_TYPE_ERROR')
    expect(error.message).toContain("compute 'n'")
  })

  it('fails with RUNTIME_TYPE_ERROR when the source is not records', async () => {
    const error = await runError('<q:data name="bad" source="{text}"/>', {
      params: { text: 'not json' },
    })
    expect(error.code).toBe('RUNTIME_TYPE_ERROR')
    expect(error.message).toBe("q:data 'bad' needs an array (or JSON text of one), not not json")
    const number = await runError('<q:data name="bad" source="{n}" type="csv"/>', { params: { n: 3 } })
    expect(number.message).toBe("q:data 'bad' needs an array, a path, a URL or content, not 3")
  })
})

describe('q:dump', () => {
  const order = { id: 7, items: ['pen', 'cup'], paid: true }

  it('prints a labelled, indented text dump and keeps the value as _dump_<label>', async () => {
    const result = await run('<q:dump var="{order}" label="order"/><q:dump var="{order.id}"/>', {
      params: { order },
    })
    expect(result.output).toBe(`order: ${JSON.stringify(order, null, 2)}\ndump: 7\n`)
    expect(result.variables._dump_order).toEqual(order)
    expect(result.variables._dump_dump).toBe(7)
  })

  it('prints compact JSON with format="json"', async () => {
    const result = await run('<q:dump var="{order}" label="o" format="json"/>', { params: { order } })
    expect(result.output).toBe('{"id":7,"items":["pen","cup"],"paid":true}\n')
  })

  it('prints escaped HTML with format="html"', async () => {
    const value = { html: '<b>"x" & y</b>' }
    const result = await run('<q:dump var="{tag}" label="a&lt;b" format="html"/>', { params: { tag: value } })
    const match = /^<pre class="q-dump" data-label="a&lt;b">([^<>]*)<\/pre>\n$/.exec(result.output)
    expect(match).not.toBeNull()
    const unescaped = (match?.[1] ?? '')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&amp;', '&')
    expect(unescaped).toBe(JSON.stringify(value, null, 2))
  })

  it('prints a string as it is, and nothing when when is false', async () => {
    const result = await run(
      '<q:dump var="hello {name}" label="greeting"/><q:dump var="{name}" when="{quiet}"/>',
      { params: { name: 'Ada', quiet: false } },
    )
    expect(result.output).toBe('greeting: hello Ada\n')
    expect(result.variables).not.toHaveProperty('_dump_dump')
  })
})
