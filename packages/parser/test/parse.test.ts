import {
  type ComponentNode,
  ErrorCodes,
  type IfNode,
  type JobNode,
  type MailNode,
  type QueryNode,
  type ScheduleNode,
  type Statement,
  type ThreadNode,
  ValidationError,
} from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import {
  builtinTags,
  check,
  defineTag,
  parse,
  type SyntaxApi,
  TagRegistry,
  type XElement,
} from '../src/index'

const component = (body: string, attrs = 'name="T"') => `<q:component ${attrs}>${body}</q:component>`
const bodyOf = (source: string): Statement[] => parse(source, { file: 't.q' }).component.body
const first = <T extends Statement>(source: string) => bodyOf(source)[0] as T

describe('parse', () => {
  it('auto-injects the q namespace and reads the component', () => {
    const document = parse('<q:component name="A"><q:set name="x" value="1"/></q:component>', { file: 'a.q' })
    expect(document.file).toBe('a.q')
    expect(document.component).toMatchObject({ type: 'component', name: 'A', kind: 'component' })
    expect(document.component.body[0]).toMatchObject({
      type: 'set',
      name: 'x',
      value: '1',
      operation: 'assign',
    })
  })

  it('accepts q:else/q:elseif both as children and as the following siblings', () => {
    const sibling = first<IfNode>(
      component(
        '<q:if condition="{a}"><q:log>a</q:log></q:if>\n  <!-- c -->\n  <q:elseif condition="b"/><q:else><q:log>c</q:log></q:else>',
      ),
    )
    expect(sibling.type).toBe('if')
    expect(sibling.elseifs).toHaveLength(1)
    expect(sibling.elseifs[0]?.condition).toMatchObject({ type: 'identifier', name: 'b' })
    expect(sibling.else?.body[0]).toMatchObject({ type: 'log', message: 'c' })
    const nested = first<IfNode>(
      component('<q:if condition="{a}">x<q:elseif condition="{b}">y</q:elseif><q:else>z</q:else></q:if>'),
    )
    expect(nested.body).toEqual([expect.objectContaining({ type: 'text', value: 'x' })])
    expect(nested.elseifs[0]?.body).toEqual([expect.objectContaining({ type: 'text', value: 'y' })])
    expect(nested.else?.body).toEqual([expect.objectContaining({ type: 'text', value: 'z' })])
  })

  it('keeps raw < in SQL and stray & in text as the user wrote them', () => {
    const query = first<QueryNode>(
      component(
        '<q:query name="q" datasource="db">\n    DELETE FROM s WHERE expires_at < NOW() AND n <= 3\n  </q:query>',
      ),
    )
    expect(query.sql).toBe('DELETE FROM s WHERE expires_at < NOW() AND n <= 3')
    expect(query.datasource).toBe('db')
    expect(bodyOf(component('<p>Tom & Jerry</p>'))[0]).toMatchObject({
      type: 'element',
      children: [{ type: 'text', value: 'Tom & Jerry' }],
    })
  })

  it('reads JSON bodies with interpolations inside', () => {
    const mail = first<MailNode>(
      component('<q:mail to="a@b.c" subject="s"><q:body>{"id": {order.id}}</q:body></q:mail>'),
    )
    expect(mail.body?.content).toMatchObject({
      type: 'template',
      parts: ['{"id": ', { type: 'interpolation', source: 'order.id' }, '}'],
    })
  })

  it('reads hyphenated thread names after thread.', () => {
    const [text] = bodyOf(component('<p>{thread.data-processor.result.length}</p>')).flatMap((node) =>
      node.type === 'element' ? node.children : [],
    )
    expect(text).toMatchObject({
      type: 'text',
      value: {
        parts: [
          {
            expression: {
              type: 'member',
              property: 'length',
              object: { object: { property: 'data-processor' } },
            },
          },
        ],
      },
    })
  })

  it('accepts both on-complete and onComplete spellings', () => {
    const dashed = first<ThreadNode>(
      component('<q:thread name="t" on-complete="done" on-error="failed"><q:log>x</q:log></q:thread>'),
    )
    const camel = first<ThreadNode>(
      component('<q:thread name="t" onComplete="done" onError="failed"><q:log>x</q:log></q:thread>'),
    )
    for (const node of [dashed, camel]) expect(node).toMatchObject({ onComplete: 'done', onError: 'failed' })
  })

  it('stores durations in milliseconds and keeps databound ones as templates', () => {
    const schedule = first<ScheduleNode>(
      component('<q:schedule name="s" interval="1.5m" timeout="250ms"><q:log>x</q:log></q:schedule>'),
    )
    expect(schedule).toMatchObject({
      interval: 90_000,
      timeout: 250,
      timezone: 'UTC',
      retry: 3,
      overlap: false,
      enabled: true,
    })
    const bound = first<ScheduleNode>(
      component('<q:schedule name="s" interval="{every}"><q:log>x</q:log></q:schedule>'),
    )
    expect(bound.interval).toMatchObject({
      type: 'template',
      parts: [{ type: 'interpolation', source: 'every' }],
    })
    const job = first<JobNode>(component('<q:job name="j" backoff="fixed:30s"><q:log>x</q:log></q:job>'))
    expect(job.backoff).toEqual({ kind: 'fixed', delay: 30_000 })
    expect(
      first<JobNode>(component('<q:job name="j" backoff="1m"><q:log>x</q:log></q:job>')).backoff,
    ).toEqual({
      kind: 'exponential',
      delay: 60_000,
    })
  })

  it('wraps a root q:job in a generated component without a position', () => {
    const document = parse('<q:job name="cleanup"><q:log>x</q:log></q:job>')
    expect(document.component.position).toBeUndefined()
    expect(document.component.body[0]).toMatchObject({ type: 'job', name: 'cleanup', action: 'define' })
  })

  it('hoists component-level params, functions and actions', () => {
    const root: ComponentNode = parse(
      component(
        '<q:param name="p"/><q:function name="f"><q:return value="1"/></q:function><q:action name="go"><q:log>x</q:log></q:action><q:log>y</q:log>',
      ),
    ).component
    expect(root.params.map((p) => p.name)).toEqual(['p'])
    expect(root.functions.map((f) => f.name)).toEqual(['f'])
    expect(root.actions.map((a) => a.name)).toEqual(['go'])
    expect(root.body.map((s) => s.type)).toEqual(['log'])
  })

  it('treats CRLF like LF for positions', () => {
    const lf = check('<q:component name="A">\n  <q:foo/>\n</q:component>').diagnostics[0]
    const crlf = check('<q:component name="A">\r\n  <q:foo/>\r\n</q:component>').diagnostics[0]
    expect(crlf?.position?.start).toEqual(lf?.position?.start)
    expect(lf?.position?.start).toEqual({ line: 2, column: 3, offset: 25 })
  })

  it('throws the single problem as is', () => {
    let error: ValidationError | undefined
    try {
      parse(component('<q:sleep duration="0"/>'), { file: 'x.q' })
    } catch (caught) {
      error = caught as ValidationError
    }
    expect(error).toBeInstanceOf(ValidationError)
    expect(error?.code).toBe(ErrorCodes.PARSE_INVALID_DURATION)
    expect(error?.location).toBe('x.q:1:32')
  })

  it('throws one DOCUMENT_INVALID error listing every problem', () => {
    let caught: unknown
    try {
      parse(component('<q:foo/><q:set/><q:sleep duration="x"/>'), { file: 'x.q' })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ValidationError)
    const error = caught as ValidationError
    expect(error.code).toBe('DOCUMENT_INVALID')
    expect(error.errors?.map((e) => e.code)).toEqual([
      'PARSE_UNKNOWN_TAG',
      'PARSE_MISSING_ATTRIBUTE',
      'PARSE_INVALID_DURATION',
    ])
    expect(error.message).toContain('3 problems in x.q')
  })
})

describe('boolean attributes', () => {
  it('read the one table of words, on/off included', () => {
    const params = parse(
      component(
        '<q:param name="a" required="on"/><q:param name="b" required="OFF"/><q:param name="c" required="Yes" null="0"/>',
      ),
    ).component.params
    expect(params.map((param) => [param.required, param.nullable])).toEqual([
      [true, undefined],
      [false, undefined],
      [true, false],
    ])
  })

  it('report a value outside the table with every accepted pair', () => {
    const [problem] = check(component('<q:param name="a" required="maybe"/>')).diagnostics
    expect(problem?.code).toBe(ErrorCodes.PARSE_INVALID_VALUE)
    expect(problem?.message).toBe('Param required must be true/false, yes/no, on/off or 1/0: maybe')
  })
})

describe('tag registry', () => {
  it('has one handler per built-in tag', () => {
    expect(new TagRegistry(builtinTags).tags()).toEqual([
      'action',
      'application',
      'arg',
      'attachment',
      'body',
      'break',
      'catch',
      'column',
      'component',
      'compute',
      'continue',
      'data',
      'dump',
      'else',
      'elseif',
      'field',
      'filter',
      'finally',
      'function',
      'header',
      'if',
      'invoke',
      'job',
      'limit',
      'log',
      'loop',
      'mail',
      'param',
      'query',
      'redirect',
      'return',
      'schedule',
      'set',
      'sleep',
      'sort',
      'thread',
      'throw',
      'transform',
      'try',
    ])
  })

  it('lets a plugin add a tag and override a built-in', () => {
    const registry = new TagRegistry(builtinTags).plugin((r) => {
      r.register(
        defineTag<{ type: 'text'; value: string }>({
          tag: 'hello',
          placement: 'statement',
          attributes: ['who'],
          parse: (element, ctx) => ({
            type: 'text',
            value: `hello ${ctx.attributes(element, ['who']).string('who')}`,
          }),
        }),
      )
    })
    const document = parse(component('<q:hello who="world"/>'), { registry })
    expect(document.component.body[0]).toEqual({ type: 'text', value: 'hello world' })
    const { diagnostics } = check(component('<q:hello who="x" whom="y"/>'), { registry })
    expect(diagnostics.map((d) => d.code)).toEqual(['PARSE_UNKNOWN_ATTRIBUTE'])
    expect(check(component('<q:hello/>')).diagnostics.map((d) => d.code)).toEqual(['PARSE_UNKNOWN_TAG'])
  })

  it('gives a plugin handler written apart from the registry what it needs through SyntaxApi', () => {
    const parseTwice = (element: XElement, ctx: SyntaxApi) => {
      const label = ctx.attributes(element, ['label']).string('label', { required: true })
      if (label === '') ctx.report(ErrorCodes.PARSE_INVALID_VALUE, 'the label is empty', element.position)
      const body = ctx.within({ loop: true }, () => ctx.statements(element.children))
      return { type: 'twice', label, body }
    }
    const registry = new TagRegistry(builtinTags).register(
      defineTag({ tag: 'twice', placement: 'statement', attributes: ['label'], parse: parseTwice }),
    )
    expect(parse(component('<q:twice label="x"><q:break/></q:twice>'), { registry }).component.body).toEqual([
      { type: 'twice', label: 'x', body: [{ type: 'break', position: expect.anything() }] },
    ])
    const { diagnostics } = check(component('<q:twice label=""><q:break/></q:twice><q:break/>'), { registry })
    expect(diagnostics.map((d) => d.code)).toEqual(['PARSE_INVALID_VALUE', 'PARSE_MISPLACED_TAG'])
  })
})

describe('plugin tags declare their own placement rules', () => {
  interface AttemptNode {
    type: 'attempt'
    body: Statement[]
    fallback?: Statement[]
  }
  /** `<q:attempt>` with a `<q:fallback>` after it; `<q:note text>` is a statement anywhere inside an attempt. */
  const registry = new TagRegistry(builtinTags).plugin((r) => {
    r.register(
      defineTag<AttemptNode>({
        tag: 'attempt',
        placement: 'statement',
        attributes: [],
        parse: (element, ctx) => ({
          type: 'attempt',
          body: ctx.within({ attempting: true }, () => ctx.statements(element.children)),
        }),
        attachSibling(previous, element, ctx) {
          const attempt = previous as unknown as AttemptNode
          if (element.local !== 'fallback' || attempt.fallback) return false
          attempt.fallback = ctx.statements(element.children)
          return true
        },
      }),
    )
    r.register(
      defineTag<{ type: 'fallback' }>({
        tag: 'fallback',
        placement: { parents: ['attempt'] },
        attributes: [],
        parse: () => ({ type: 'fallback' }),
      }),
    )
    r.register(
      defineTag<{ type: 'note'; text: string }>({
        tag: 'note',
        placement: { parents: ['attempt'] },
        attributes: ['text'],
        parse: (element, ctx) => ({
          type: 'note',
          text: ctx.attributes(element, ['text']).string('text') ?? '',
        }),
        statementWhen: (state) => state.attempting === true,
        parseStatement(element, ctx) {
          const node = this.parse(element, ctx)
          if (node?.text === '')
            ctx.report(ErrorCodes.PARSE_MISSING_ATTRIBUTE, 'a note needs text', element.position)
          return node
        },
      }),
    )
  })

  it('a tag takes the siblings that follow its statement', () => {
    const source = component(
      '<q:attempt><q:log>try</q:log></q:attempt>\n<q:fallback><q:log>else</q:log></q:fallback><q:fallback/>',
    )
    const { document, diagnostics } = check(source, { registry })
    expect(document?.component.body).toEqual([
      {
        type: 'attempt',
        body: [expect.objectContaining({ type: 'log', message: 'try' })],
        fallback: [expect.objectContaining({ type: 'log', message: 'else' })],
      },
    ])
    expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'PARSE_MISPLACED_TAG <q:fallback> is only allowed inside <q:attempt>',
    ])
  })

  it('a tag stands as a statement where the flags set above it allow, and checks itself there', () => {
    const source = component(
      '<q:attempt><q:if condition="true"><q:note text="deep"/></q:if><q:note/></q:attempt><q:note text="out"/>',
    )
    const { document, diagnostics } = check(source, { registry })
    const attempt = document?.component.body[0] as unknown as AttemptNode
    expect(attempt.body).toEqual([
      expect.objectContaining({ type: 'if', body: [{ type: 'note', text: 'deep' }] }),
      { type: 'note', text: '' },
    ])
    expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'PARSE_MISSING_ATTRIBUTE a note needs text',
      'PARSE_MISPLACED_TAG <q:note> is only allowed inside <q:attempt>',
    ])
  })
})

describe('comments', () => {
  it('accepts -- inside a comment (command lines in notes)', () => {
    const document = parse(
      '<q:component name="A"><!-- run with --param x=1 -- or not --><q:log>ok</q:log></q:component>',
    )
    expect(document.component.body).toEqual([expect.objectContaining({ type: 'log', message: 'ok' })])
  })
})

describe('warnings', () => {
  const schedule = (body: string) =>
    component(`\n  <q:schedule name="tick" interval="1m">${body}</q:schedule>\n`)

  it('warns about a schedule body that would do nothing, at the schedule, without making it invalid', () => {
    const { document, diagnostics, warnings } = check(schedule(''), { file: 's.q' })
    expect(diagnostics).toEqual([])
    expect(document).toBeDefined()
    expect(warnings.map((w) => [w.location, w.code, w.message])).toEqual([
      [
        's.q:2:3',
        ErrorCodes.PARSE_SCHEDULE_RUNS_NOTHING,
        "Schedule 'tick': the body is empty, so a fire would run nothing",
      ],
    ])
    expect(() => parse(schedule(''))).not.toThrow()
  })

  it('names the functions of a functions-only body without an execute', () => {
    const source = schedule('<q:function name="a"><q:log>a</q:log></q:function><q:function name="b"/>')
    const [warning] = check(source).warnings
    expect(warning?.message).toBe(
      "Schedule 'tick': the body only defines functions ('a', 'b') and none is named 'execute', so a fire would run nothing",
    )
  })

  it('says nothing about a body that runs statements, one function, or execute among several', () => {
    for (const body of [
      '<q:log>x</q:log>',
      '<q:function name="cleanup"><q:log>x</q:log></q:function>',
      '<q:function name="a"/><q:function name="execute"><q:log>x</q:log></q:function>',
    ]) {
      expect(check(schedule(body)).warnings).toEqual([])
    }
    // pause, resume and delete take no body at all
    expect(check(component('<q:schedule name="tick" action="pause"/>')).warnings).toEqual([])
  })

  it('keeps warnings and problems apart, each in source order', () => {
    const source = component(
      '<q:schedule name="a" interval="1m"/><q:foo/><q:if condition="{x}"><q:schedule name="b" cron="* * * * *"></q:schedule></q:if>',
    )
    const { diagnostics, warnings } = check(source)
    expect(diagnostics.map((d) => d.code)).toEqual([ErrorCodes.PARSE_UNKNOWN_TAG])
    expect(warnings.map((w) => w.message.slice(0, 12))).toEqual(["Schedule 'a'", "Schedule 'b'"])
  })
})
