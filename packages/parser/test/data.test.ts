import type { DataNode } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { check, parse } from '../src/index'

const data = (body: string) =>
  parse(`<q:component name="T">${body}</q:component>`, { file: 't.q' }).component.body[0] as DataNode
const problems = (body: string) =>
  check(`<q:component name="T">\n${body}\n</q:component>`, { file: 't.q' }).diagnostics.map(
    (error) => `${error.location} ${error.code} ${error.message}`,
  )

describe('q:data', () => {
  it('reads a CSV import: columns, headers, options, result, cache and a transform', () => {
    const node = data(`<q:data name="users" source="https://example.com/{day}.csv" type="csv" delimiter=";"
        header="false" skip_rows="2" encoding="Latin1" result="meta" cache="true" ttl="90">
      <q:header name="Authorization" value="Bearer {token}"/>
      <q:column name="id" type="integer"/>
      <q:column name="name"/>
      <q:transform><q:limit value="5"/></q:transform>
    </q:data>`)
    expect(node).toMatchObject({
      type: 'data',
      name: 'users',
      dataType: 'csv',
      result: 'meta',
      cache: { ttl: 90_000 },
      encoding: 'latin1',
      csv: { delimiter: ';', quote: '"', header: false, skipRows: 2 },
      headers: [{ type: 'header', name: 'Authorization' }],
      columns: [
        { type: 'column', name: 'id', datatype: 'integer' },
        { type: 'column', name: 'name', datatype: 'string' },
      ],
      transform: { steps: [{ type: 'limit', value: 5 }] },
    })
    expect(node.source).toMatchObject({ type: 'template' })
    expect(node).not.toHaveProperty('content')
  })

  it('reads an XML import with its fields, and defaults: no cache, a 300 s ttl once cached', () => {
    const node = data(`<q:data name="books" source="books.xml" type="xml" xpath="/library/book" cache="yes">
      <q:field name="id" xpath="@id" type="integer"/>
      <q:field name="title" xpath="title/text()"/>
    </q:data>`)
    expect(node).toMatchObject({
      source: 'books.xml',
      xpath: '/library/book',
      cache: { ttl: 300_000 },
      fields: [
        { type: 'field', name: 'id', xpath: '@id', datatype: 'integer' },
        { type: 'field', name: 'title', xpath: 'title/text()', datatype: 'string' },
      ],
    })
    expect(data('<q:data name="x" source="{rows}"/>')).not.toHaveProperty('cache')
  })

  it('takes its text as inline content, dedented, never databound', () => {
    const node = data(`<q:data name="rows" type="json">
        [{"a": "{not bound}"},
         {"a": 2}]
      </q:data>`)
    expect(node.content).toBe('[{"a": "{not bound}"},\n {"a": 2}]')
    expect(node).not.toHaveProperty('source')
  })

  it('accepts a tab delimiter written as \\t', () => {
    expect(data('<q:data name="x" source="a.tsv" type="csv" delimiter="\\t"/>').csv?.delimiter).toBe('\t')
  })

  it('reports what upstream reports missing, each at its tag', () => {
    expect(
      problems(`<q:data source="a.csv" type="csv"><q:column type="integer"/></q:data>
<q:data name="b" type="xml" xpath="//b"><q:field xpath="x"/><q:field name="y"/></q:data>
<q:data name="c" source="c.json" type="json"><q:header value="v"/><q:transform><q:filter/><q:sort/><q:limit/><q:compute expression="{1}"/></q:transform></q:data>`),
    ).toEqual([
      "t.q:2:1 PARSE_MISSING_ATTRIBUTE Data requires 'name' attribute",
      "t.q:2:35 PARSE_MISSING_ATTRIBUTE Column requires 'name' attribute",
      "t.q:3:1 PARSE_MISSING_ATTRIBUTE Data requires 'source' attribute",
      "t.q:3:41 PARSE_MISSING_ATTRIBUTE Field requires 'name' attribute",
      "t.q:3:61 PARSE_MISSING_ATTRIBUTE Field requires 'xpath' attribute",
      "t.q:4:46 PARSE_MISSING_ATTRIBUTE Header requires 'name' attribute",
      "t.q:4:80 PARSE_MISSING_ATTRIBUTE Filter requires 'condition' attribute",
      "t.q:4:91 PARSE_MISSING_ATTRIBUTE Sort requires 'by' attribute",
      "t.q:4:100 PARSE_MISSING_ATTRIBUTE Limit requires 'value' attribute",
      "t.q:4:110 PARSE_MISSING_ATTRIBUTE Compute requires 'field' attribute",
    ])
  })

  it('reports options and children that do not fit the type, and broken values', () => {
    expect(
      problems(`<q:data name="a" source="a.json" type="json" delimiter=";" xpath="//a"><q:column name="x"/></q:data>
<q:data name="b" source="b.xml" type="xml"/>
<q:data name="c" source="c.xml" type="xml" xpath="//["><q:field name="f" xpath="foo("/></q:data>
<q:data name="d" source="d.csv" type="csv" ttl="60" encoding="klingon" delimiter="'" quote="'"><q:column name="x"/><q:column name="x"/></q:data>
<q:data name="e" source="e.csv" type="csv">inline<q:column name="x"/></q:data>
<q:column name="stray"/>`),
    ).toEqual([
      't.q:2:46 PARSE_INVALID_STRUCTURE Data delimiter applies only to type="csv"',
      't.q:2:60 PARSE_INVALID_STRUCTURE Data xpath applies only to type="xml"',
      't.q:2:72 PARSE_MISPLACED_TAG <q:column> belongs to a <q:data type="csv">',
      "t.q:3:1 PARSE_MISSING_ATTRIBUTE Data requires 'xpath' attribute",
      't.q:3:1 PARSE_MISSING_BODY <q:data type="xml"> needs <q:field name xpath> children to map each record',
      't.q:4:44 PARSE_INVALID_VALUE Data xpath is not a valid XPath 1.0 expression (XPath parse error): //[',
      't.q:4:74 PARSE_INVALID_VALUE Field xpath is not a valid XPath 1.0 expression (XPath parse error): foo(',
      't.q:5:44 PARSE_INVALID_STRUCTURE Data ttl needs cache="true"',
      't.q:5:53 PARSE_INVALID_VALUE Data encoding is not a known character set: klingon',
      't.q:5:72 PARSE_INVALID_VALUE Data delimiter and quote must differ',
      "t.q:5:116 PARSE_INVALID_STRUCTURE duplicate column 'x'",
      't.q:6:1 PARSE_INVALID_STRUCTURE <q:data> takes its records from source="…" or from its text, not both',
      't.q:7:1 PARSE_MISPLACED_TAG <q:column> is only allowed inside <q:data>',
    ])
  })
})
