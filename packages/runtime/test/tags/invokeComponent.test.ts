import { realpathSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunResult } from '../../src/index'
import { type SourceApp, sourceApp } from '../support/sourceFiles'

let app: SourceApp

beforeEach(() => {
  app = sourceApp()
})

afterEach(() => app.remove())

const USER_SERVICE = `<q:component name="UserService">
  <q:set name="never" value="the component body does not run"/>
  <q:function name="getUser">
    <q:param name="id" type="integer" required="true"/>
    <q:return value="{label(id)}"/>
  </q:function>
  <q:function name="label">
    <q:param name="n"/>
    <q:return value="User #{n}"/>
  </q:function>
  <q:function name="broken">
    <q:throw message="no user {id}"/>
  </q:function>
</q:component>
`

async function failure(path: string) {
  try {
    await app.run(path)
  } catch (error) {
    return error as Error & {
      code: string
      file?: string
      location: string
      position?: { start: { line: number } }
    }
  }
  throw new Error('expected the run to fail')
}

const output = (result: RunResult) => result.output.trim()

describe('q:invoke component= (issue 11)', () => {
  it("calls a function of UserService.q next to the document, as that component's code", async () => {
    app.write('UserService.q', USER_SERVICE)
    app.write(
      'main.q',
      `<q:component name="Main">
  <q:function name="label"><q:param name="n"/><q:return value="the caller's label"/></q:function>
  <q:invoke name="user" component="UserService" method="getUser"><q:param name="id" value="7"/></q:invoke>
  <p>{user} {user_result.success} {user_result.invocationType} [{never}]</p>
</q:component>`,
    )
    expect(output(await app.run('main.q'))).toBe('<p>User #7 true component [{never}]</p>')
  })

  it("finds a component in the app's component path, and binds its parameters by its rules", async () => {
    app.write('components/UserService.q', USER_SERVICE)
    app.write(
      'jobs/main.q',
      `<q:component name="Main">
  <q:invoke name="user" component="UserService" method="getUser"><q:param name="id" value="12"/></q:invoke>
  <p>{user}</p>
</q:component>`,
    )
    expect(output(await app.run('jobs/main.q'))).toBe('<p>User #12</p>')
    app.write(
      'bad.q',
      `<q:component name="Bad">
  <q:invoke component="UserService" method="getUser"><q:param name="id" value="twelve"/></q:invoke>
</q:component>`,
    )
    const error = await failure('bad.q')
    expect(error.code).toBe('RUNTIME_PARAM')
    expect(error.file).toBe(realpathSync(join(app.dir, 'components/UserService.q')))
  })

  it('locates an error raised inside the other component in its own file', async () => {
    app.write('UserService.q', USER_SERVICE)
    app.write(
      'main.q',
      `<q:component name="Main">
  <q:invoke component="UserService" method="broken"/>
</q:component>`,
    )
    const error = await failure('main.q')
    expect(error.code).toBe('RUNTIME_THROW')
    expect(error.message).toBe('no user {id}')
    expect(error.location).toBe(`${realpathSync(join(app.dir, 'UserService.q'))}:12:5`)
  })

  it('fails at the tag for a missing component or method, and reports parse problems in its file', async () => {
    app.write('UserService.q', USER_SERVICE)
    app.write('Broken.q', '<q:component name="Broken">\n  <q:set value="1"/>\n</q:component>\n')
    app.write(
      'main.q',
      `<q:component name="Main">
  <q:param name="target" default="Nobody"/>
  <q:param name="method" default="getUser"/>
  <q:if condition="{target == 'Nobody'}"><q:invoke component="Nobody" method="getUser"/></q:if>
  <q:if condition="{target == 'UserService'}"><q:invoke component="UserService" method="deleteUser"/></q:if>
  <q:if condition="{target == 'Broken'}"><q:invoke component="Broken" method="anything"/></q:if>
</q:component>`,
    )
    const run = async (target: string) => {
      try {
        await app.run('main.q', { params: { target } })
      } catch (error) {
        return error as Error & { code: string; location: string }
      }
      throw new Error('expected the run to fail')
    }
    const missing = await run('Nobody')
    expect(missing.code).toBe('RUNTIME_NOT_FOUND')
    expect(missing.message).toMatch(
      /^Component 'Nobody' not found: no Nobody\.q next to the calling document/,
    )
    expect(missing.location).toBe(`${join(app.dir, 'main.q')}:4:42`)
    const method = await run('UserService')
    expect(method.code).toBe('RUNTIME_NOT_FOUND')
    expect(method.message).toContain(
      "has no function 'deleteUser'; its functions are: getUser, label, broken",
    )
    expect(method.location).toBe(`${join(app.dir, 'main.q')}:5:47`)
    const broken = await run('Broken')
    expect(broken.code).toBe('PARSE_MISSING_ATTRIBUTE')
    expect(broken.location).toBe(`${realpathSync(join(app.dir, 'Broken.q'))}:2:3`)
  })

  it('parses a component once while its file is unchanged, and again once it changes', async () => {
    const service = app.write('UserService.q', USER_SERVICE)
    app.write(
      'main.q',
      `<q:component name="Main">
  <q:invoke name="a" component="UserService" method="getUser"><q:param name="id" value="1"/></q:invoke>
  <q:invoke name="b" component="UserService" method="getUser"><q:param name="id" value="2"/></q:invoke>
  <p>{a}, {b}</p>
</q:component>`,
    )
    expect(output(await app.run('main.q'))).toBe('<p>User #1, User #2</p>')
    expect(app.parsed()).toBe(1)
    expect(output(await app.run('main.q'))).toBe('<p>User #1, User #2</p>')
    expect(app.parsed()).toBe(1)
    app.write('UserService.q', USER_SERVICE.replace('User #{n}', 'Member {n}'))
    const later = new Date(Date.now() + 5000)
    utimesSync(service, later, later)
    expect(output(await app.run('main.q'))).toBe('<p>Member 1, Member 2</p>')
    expect(app.parsed()).toBe(2)
  })

  it('fails with RUNTIME_SERVICE_MISSING when the host gives no sources', async () => {
    app.write(
      'main.q',
      '<q:component name="Main">\n  <q:invoke component="UserService" method="getUser"/>\n</q:component>',
    )
    try {
      await app.run('main.q', { services: { sources: undefined } })
      throw new Error('expected the run to fail')
    } catch (error) {
      expect((error as { code: string }).code).toBe('RUNTIME_SERVICE_MISSING')
      expect((error as Error).message).toContain('RuntimeServices.sources')
    }
  })
})
