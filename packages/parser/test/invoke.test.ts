import type { InvokeNode, MailNode } from '@quantum/ast'
import { describe, expect, it } from 'vitest'
import { check, parse } from '../src/index'

const component = (body: string) => `<q:component name="T">${body}</q:component>`
const invokeOf = (body: string) => parse(component(body), { file: 't.q' }).component.body[0] as InvokeNode
const problems = (body: string) =>
  check(component(body), { file: 't.q' }).diagnostics.map(
    (error) => `${error.position?.start.line}:${error.position?.start.column} ${error.code} ${error.message}`,
  )

describe('q:invoke authentication (issue 11)', () => {
  it('reads bearer, basic and apikey credentials, databound, with upstream spellings too', () => {
    expect(invokeOf('<q:invoke url="http://x" authType="bearer" authToken="{token}"/>').auth).toMatchObject({
      type: 'bearer',
      token: { type: 'template' },
    })
    expect(
      invokeOf('<q:invoke url="http://x" authType="Basic" username="ada" password="{pw}"/>').auth,
    ).toMatchObject({ type: 'basic', username: 'ada', password: { type: 'template' } })
    expect(
      invokeOf('<q:invoke url="http://x" authType="basic" authUsername="ada" authPassword="s3"/>').auth,
    ).toEqual({ type: 'basic', username: 'ada', password: 's3' })
    expect(invokeOf('<q:invoke url="http://x" authType="apikey" apiKey="k"/>').auth).toEqual({
      type: 'apikey',
      key: 'k',
      header: 'X-API-Key',
    })
    expect(
      invokeOf('<q:invoke url="http://x" authType="apikey" apiKey="k" apiKeyHeader="X-Token"/>').auth,
    ).toEqual({
      type: 'apikey',
      key: 'k',
      header: 'X-Token',
    })
  })

  it('reports an unknown type, missing and stray credentials, and a bad header name', () => {
    expect(problems('<q:invoke url="http://x" authType="custom" authToken="t"/>')).toEqual([
      '1:48 PARSE_INVALID_ENUM Invalid auth type: custom. Must be bearer, basic, or apikey',
    ])
    expect(problems('<q:invoke url="http://x" authType="basic" username="u"/>')).toEqual([
      "1:23 PARSE_MISSING_ATTRIBUTE Invoke requires 'password' attribute",
    ])
    expect(problems('<q:invoke url="http://x" authType="bearer" authToken="t" apiKey="k"/>')).toEqual([
      '1:80 PARSE_INVALID_STRUCTURE Invoke \'apiKey\' is out of place: it is not used by authType="bearer"',
    ])
    expect(problems('<q:invoke url="http://x" authToken="t"/>')).toEqual([
      "1:48 PARSE_INVALID_STRUCTURE Invoke 'authToken' is out of place: it needs authType",
    ])
    expect(problems('<q:invoke url="http://x" authType="apikey" apiKey="k" apiKeyHeader="X Key"/>')).toEqual([
      '1:77 PARSE_INVALID_VALUE Invoke apiKeyHeader "X Key" is not an HTTP header name',
    ])
  })
})

describe('q:invoke retry, cache and when (issue 11)', () => {
  it('reads retry, retryDelay (milliseconds or a duration), cache with ttl, and when', () => {
    expect(invokeOf('<q:invoke url="http://x" retry="3" retryDelay="1000"/>')).toMatchObject({
      retry: 3,
      retryDelay: 1000,
    })
    expect(invokeOf('<q:invoke url="http://x" retry="2" retryDelay="2s"/>').retryDelay).toBe(2000)
    expect(invokeOf('<q:invoke url="http://x" retry="2" retryDelay="{d}"/>').retryDelay).toMatchObject({
      type: 'template',
    })
    expect(invokeOf('<q:invoke url="http://x" cache="true" ttl="90s"/>').cache).toEqual({ ttl: 90_000 })
    expect(invokeOf('<q:invoke url="http://x" cache="true"/>').cache).toEqual({ ttl: 300_000 })
    expect(invokeOf('<q:invoke url="http://x" cache="false"/>').cache).toBeUndefined()
    expect(invokeOf('<q:invoke url="http://x" when="{ready}"/>').when).toMatchObject({ type: 'template' })
  })

  it('reports bad retries, a cached POST, ttl without cache and HTTP options on a function call', () => {
    expect(problems('<q:invoke url="http://x" retry="-1"/>')).toEqual([
      '1:48 PARSE_INVALID_VALUE Invoke retry must be a whole number from 0 to 100',
    ])
    expect(problems('<q:invoke url="http://x" retry="1" retryDelay="soon"/>')).toEqual([
      expect.stringMatching(/^1:58 PARSE_INVALID_DURATION Invalid duration format: soon/),
    ])
    expect(problems('<q:invoke url="http://x" method="POST" cache="true"/>')).toEqual([
      "1:62 PARSE_INVALID_STRUCTURE Invoke 'cache' is out of place: only GET responses are cached, not POST",
    ])
    expect(problems('<q:invoke url="http://x" ttl="5m"/>')).toEqual([
      '1:48 PARSE_INVALID_STRUCTURE Invoke \'ttl\' is out of place: it needs cache="true"',
    ])
    expect(problems('<q:function name="f"/><q:invoke function="f" retry="2"/>')).toEqual([
      "1:68 PARSE_INVALID_STRUCTURE 'retry' applies only to an HTTP <q:invoke url=…>",
    ])
  })
})

describe('q:invoke component= (issue 11)', () => {
  it('takes the component name and the function to call from method', () => {
    const node = invokeOf(
      '<q:invoke name="user" component="UserService" method="getUser"><q:param name="id" value="7"/></q:invoke>',
    )
    expect(node.component).toEqual({ name: 'UserService', method: 'getUser' })
    expect(node.method).toBe('GET')
    expect(node.params).toMatchObject([{ name: 'id', value: '7' }])
  })

  it('reports a missing method, a name that is a path, and several targets', () => {
    expect(problems('<q:invoke component="UserService"/>')).toEqual([
      "1:23 PARSE_MISSING_ATTRIBUTE Invoke component='UserService' requires 'method' attribute: the function of UserService to call",
    ])
    expect(problems('<q:invoke component="../secret" method="f"/>')).toEqual([
      '1:33 PARSE_INVALID_NAME Invoke component "../secret" is not a component name: letters, digits, _ and -, the name of a .q file without its extension',
    ])
    expect(problems('<q:invoke component="A" method="f" url="http://x"/>')).toEqual([
      "1:23 PARSE_MISSING_ATTRIBUTE Invoke takes one of 'function', 'component' or 'url', not several",
    ])
  })
})

describe('<q:body template> (issue 11)', () => {
  const mailOf = (body: string) => parse(component(body), { file: 't.q' }).component.body[0] as MailNode

  it('reads the template path and its q:param values', () => {
    const mail = mailOf(
      '<q:mail to="a@x" subject="S"><q:body template="newsletter.html"><q:param name="name" value="{sub.name}"/></q:body></q:mail>',
    )
    expect(mail.body).toMatchObject({
      type: 'body',
      content: '',
      template: {
        path: 'newsletter.html',
        params: [{ type: 'param', name: 'name', value: { type: 'template' } }],
      },
    })
  })

  it('reports text beside a template, a param without value or template, and a template on an invoke', () => {
    expect(problems('<q:mail to="a" subject="s"><q:body template="t.html">Hi</q:body></q:mail>')).toEqual([
      '1:76 PARSE_INVALID_STRUCTURE a <q:body template="…"> takes only <q:param> children: its text is the file',
    ])
    expect(
      problems('<q:mail to="a" subject="s"><q:body template="t.html"><q:param name="n"/></q:body></q:mail>'),
    ).toEqual(["1:76 PARSE_PARAM_WITHOUT_VALUE Template parameter 'n' requires 'value' attribute"])
    expect(
      problems('<q:mail to="a" subject="s"><q:body>Hi <q:param name="n" value="1"/></q:body></q:mail>'),
    ).toEqual([
      '1:61 PARSE_INVALID_STRUCTURE <q:param> in a <q:body> gives a value to its template: add template="file"',
    ])
    expect(problems('<q:invoke url="http://x" method="POST"><q:body template="t.json"/></q:invoke>')).toEqual(
      ['1:62 PARSE_INVALID_STRUCTURE template= is for <q:mail> bodies; give an <q:invoke> body its text'],
    )
  })
})
