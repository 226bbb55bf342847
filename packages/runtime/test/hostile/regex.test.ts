import type { SetNode } from '@quantum/ast'
import { parse } from '@quantum/parser'
import { describe, expect, it } from 'vitest'
import { createRuntime } from '../../src/index'
import { failure } from '../support/failure'
import { hostile, hostileError } from '../support/hostile'

describe('hostile: q:set patterns run on a linear-time engine (RE2)', () => {
  it('a catastrophic pattern on 27 and 32 characters answers at once under a 2 s limit (8.5 s and 167 s before)', async () => {
    for (const length of [27, 32, 100_000]) {
      const error = await hostileError('<q:set name="v" value="{text}" pattern="^(a+)+$"/>', {
        params: { text: `${'a'.repeat(length)}!` },
      })
      expect(error.code).toBe('RUNTIME_PARAM')
      expect(error.message).toBe("Variable 'v' does not match pattern ^(a+)+$")
      expect(error.location).toBe('test.q:1:26')
    }
  })

  it('patterns still match as before', async () => {
    const { result } = await hostile(
      `<q:set name="email" value="a@b.c" pattern="^[^@]+@[^@]+$"/>
       <q:set name="code" value="AB-12" pattern="(?i)^[a-z]{2}-\\d+$"/>
       <q:set name="word" value="{text}" pattern="^(a+)+$"/>
       <q:return value="{[email, code, len(word)]}"/>`,
      { params: { text: 'a'.repeat(100_000) } },
    )
    expect(result?.result).toEqual(['a@b.c', 'AB-12', 100_000])
  })

  it('a pattern RE2 cannot run, in a node the parser did not check, is a coded error at the q:set', async () => {
    const document = parse('<q:component name="T"><q:set name="v" value="ab" pattern="a"/></q:component>', {
      file: 'built.q',
    })
    const node = document.component.body[0] as SetNode
    node.validation = { pattern: '(?=a)b' }
    const error = await failure(createRuntime().run(document))
    expect(error.code).toBe('RUNTIME_ERROR')
    expect(error.message).toBe(
      'Set pattern (?=a)b cannot be used: error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
    )
    expect(error.location).toBe('built.q:1:23')
  })
})
