import type { IfNode, LogNode, MailNode, QueryNode, Statement } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { check, parse } from '../src/index'
import { growth } from './support/growth'

const component = (body: string) => `<q:component name="T">\n${body}\n</q:component>`
const diagnostics = (source: string) =>
  check(source).diagnostics.map((d) => `${d.location} ${d.code} ${d.message}`)

/** Found in the review of issue #2/#3's parser; each one a document users write. */
describe('regressions (parser review)', () => {
  it('accepts CDATA sections', () => {
    const [query] = parse(component('<q:query name="q"><![CDATA[SELECT * FROM t WHERE a < 1]]></q:query>'))
      .component.body
    expect((query as QueryNode).sql).toBe('SELECT * FROM t WHERE a < 1')
  })

  it('reports content after the root element once, where it starts', () => {
    expect(diagnostics('<q:component name="a"></q:component>\n<q:component name="b"></q:component>')).toEqual(
      ['2:1 PARSE_XML malformed XML: another element after the root element; a document has one root'],
    )
    expect(diagnostics('<q:component name="a"></q:component>\n  added by mistake')).toEqual([
      '2:3 PARSE_XML malformed XML: text after the root element; a document has one root',
    ])
    expect(diagnostics('<q:component name="a"></q:component></q:component>\n<!-- fine -->')).toEqual([
      '1:37 PARSE_XML malformed XML: an end tag after the root element; a document has one root',
    ])
  })

  it('points at the tag at fault for mismatched and unclosed tags', () => {
    expect(diagnostics(component('  <div>\n    <q:set name="x"/>\n  </span>'))).toEqual([
      '4:3 PARSE_XML malformed XML: closing tag </span> does not match the open <div>',
    ])
    expect(diagnostics(component('  <q:if condition="x">\n    <p>a</p>\n'))).toEqual([
      '2:3 PARSE_XML malformed XML: <q:if> is never closed (found </q:component> first)',
    ])
    expect(diagnostics('<q:component name="a">\n  <p>x</p>\n')).toEqual([
      '1:1 PARSE_XML malformed XML: <q:component> is never closed',
    ])
  })

  it('ignores a byte-order mark', () => {
    expect(diagnostics('\uFEFF<q:component name="a"><q:sett/></q:component>')).toEqual([
      '1:23 PARSE_UNKNOWN_TAG unknown tag <q:sett>; did you mean <q:set>?',
    ])
  })

  it('keeps positions right after HTML named entities', () => {
    expect(diagnostics(component('<q:log message="a&nbsp;{x +}"/>'))).toEqual([
      '2:28 PARSE_EXPRESSION unexpected end of expression "x +"; expected a value',
    ])
  })

  it('keeps the space between inline HTML elements', () => {
    const [p] = parse(component('<p>\n  <strong>{n}</strong>\n  <em>x</em>\n</p>')).component.body
    expect((p as Statement & { children: Statement[] }).children.map((child) => child.type)).toEqual([
      'element',
      'text',
      'element',
    ])
  })

  it('a q:else after a space inside HTML still belongs to its q:if', () => {
    const [p] = parse(component('<p><q:if condition="a">yes</q:if> <q:else>no</q:else></p>')).component.body
    const ifNode = (p as Statement & { children: Statement[] }).children[0] as IfNode
    expect(ifNode.else?.body).toEqual([expect.objectContaining({ type: 'text', value: 'no' })])
  })

  it('very long texts and very deep nesting are diagnostics, not crashes', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `line ${i}`).join('\n')
    expect(() => check(component(`<q:log>${lines}</q:log>`))).not.toThrow()
    const deep = `${'<div>'.repeat(3000)}x${'</div>'.repeat(3000)}`
    expect(diagnostics(component(deep))).toEqual([
      '2:1281 PARSE_INVALID_STRUCTURE tags nested deeper than 256',
    ])
  })

  it('a long HTML mail body parses in linear time', () => {
    const source = (rows: number) =>
      component(
        `<q:mail to="a@b.c" subject="s"><q:body>\n${Array.from({ length: rows }, (_, i) => `    <p>row {items[${i}]}</p>`).join('\n')}\n</q:body></q:mail>`,
      )
    // Eight times the rows measures 11 to 15 times the CPU here (GC included); quadratic would be 64.
    expect(growth((rows) => parse(source(rows)), 2_000)).toBeLessThan(30)
  })

  it('reports every {expr} in SQL', () => {
    expect(
      diagnostics(component('<q:query name="q">UPDATE t SET a = {a}, b = {b}</q:query>')).map((line) =>
        line.slice(0, 28),
      ),
    ).toEqual(['2:36 PARSE_SQL_INTERPOLATION', '2:45 PARSE_SQL_INTERPOLATION'])
  })

  it('a batch q:param needs a value', () => {
    expect(
      diagnostics(
        component(
          '<q:job name="j" action="batch"><q:loop var="i" from="1" to="2"><q:param name="id"/></q:loop></q:job>',
        ),
      ),
    ).toEqual(["2:64 PARSE_PARAM_WITHOUT_VALUE Batch parameter 'id' requires 'value' attribute"])
  })

  it('a mail text body leaves out q:attachment markup and comments', () => {
    const [mail] = parse(
      component(
        '<q:mail to="a@b.c" subject="s"><p>Hi {name}</p><!-- {todo: later} --><q:attachment file="f.pdf"/></q:mail>',
      ),
    ).component.body
    const content = (mail as MailNode).body?.content
    expect(content).toMatchObject({ parts: ['<p>Hi ', { source: 'name' }, '</p>'] })
    expect((mail as MailNode).attachments).toHaveLength(1)
  })

  it('reads SQL <> as text', () => {
    const [query] = parse(component('<q:query name="q">SELECT 1 WHERE a <> 1</q:query>')).component.body
    expect((query as QueryNode).sql).toBe('SELECT 1 WHERE a <> 1')
  })

  it('q:log text split by a comment is still databound; an element inside is reported', () => {
    const [log] = parse(component('<q:log>Total: <!-- cents -->{total}</q:log>')).component.body
    expect((log as LogNode).message).toMatchObject({ parts: ['Total: ', { source: 'total' }] })
    expect(diagnostics(component('<q:log>Hello <b>{name}</b></q:log>'))).toEqual([
      '2:14 PARSE_INVALID_STRUCTURE <q:log> takes text only; <b> is not allowed inside it',
    ])
  })
})
