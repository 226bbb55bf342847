import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Datasources } from '../../src/index'
import { createDatasources } from '../../src/services'
import { run } from '../helpers'

let home: string
let datasources: Datasources

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'quantum-params-'))
  datasources = createDatasources({ db: { driver: 'sqlite', path: join(home, 'test.db') } }, { home })
})

afterEach(async () => {
  await datasources.close()
  rmSync(home, { recursive: true, force: true })
})

type Outcome = { value: unknown } | { error: string }

/** One declaration (`type`, `required`, `default` attributes) bound three ways from the same value. */
const SITES = {
  component: (decl: string) => `<q:component name="C">
      <q:param name="p" ${decl}/>
      <q:return value="{p}"/>
    </q:component>`,
  function: (decl: string) => `<q:component name="F">
      <q:function name="f"><q:param name="p" ${decl}/><q:return value="{p}"/></q:function>
      <q:return value="{f(given)}"/>
    </q:component>`,
  query: (decl: string) => `<q:component name="Q">
      <q:query name="q" datasource="db">SELECT :p AS p<q:param name="p" value="{given}" ${decl}/></q:query>
      <q:return value="{q[0].p}"/>
    </q:component>`,
}

async function outcomes(decl: string, given: unknown): Promise<Record<keyof typeof SITES, Outcome>> {
  const entries = await Promise.all(
    Object.entries(SITES).map(async ([site, source]) => {
      const params = site === 'component' ? { p: given } : { given }
      try {
        const result = await run(source(decl), { services: { datasources }, params })
        return [site, { value: result.result }] as const
      } catch (error) {
        return [site, { error: (error as Error).message }] as const
      }
    }),
  )
  return Object.fromEntries(entries) as Record<keyof typeof SITES, Outcome>
}

const everywhere = (outcome: Outcome) => ({ component: outcome, function: outcome, query: outcome })

describe('component params, function arguments and query params follow the same rules', () => {
  it('convert integers the same way: whole-number text is read, a fraction in text is refused', async () => {
    expect(await outcomes('type="integer"', ' 42 ')).toEqual(everywhere({ value: 42 }))
    const refused = await outcomes('type="integer"', '3.7')
    expect(refused.component).toEqual({ error: "Parameter 'p' must be integer" })
    expect(refused.function).toEqual({ error: "Parameter 'p' must be integer" })
    expect(refused.query).toEqual({
      error: "Query 'q': Parameter 'p' validation failed: Cannot convert '3.7' to integer",
    })
  })

  it('read booleans from the same words and from 1/0 only (SQLite stores true as 1)', async () => {
    expect(await outcomes('type="boolean"', 'on')).toEqual({
      component: { value: true },
      function: { value: true },
      query: { value: 1 },
    })
    expect(await outcomes('type="boolean"', 'Off')).toEqual({
      component: { value: false },
      function: { value: false },
      query: { value: 0 },
    })
    expect(await outcomes('type="boolean"', 2)).toEqual({
      component: { error: "Parameter 'p' must be boolean" },
      function: { error: "Parameter 'p' must be boolean" },
      query: { error: "Query 'q': Parameter 'p' validation failed: Cannot convert '2' to boolean" },
    })
  })

  it('take the default for a missing value: null, or an empty string where the type has no empty value', async () => {
    for (const given of [null, '']) {
      for (const fallback of ['5', '{2 + 3}']) {
        expect(await outcomes(`type="integer" default="${fallback}"`, given)).toEqual(
          everywhere({ value: 5 }),
        )
      }
    }
    expect(await outcomes('default="fallback"', '')).toEqual(everywhere({ value: '' }))
  })

  it('fail a required parameter that is missing with the same message', async () => {
    expect(await outcomes('type="integer" required="true"', null)).toEqual({
      component: { error: "Missing required parameter 'p'" },
      function: { error: "Missing required parameter 'p'" },
      query: { error: "Query 'q': Missing required parameter 'p'" },
    })
  })
})
