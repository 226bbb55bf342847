import { describe, expect, it } from 'vitest'
import { DEFAULT_BOUNDS } from '../../src/values/bounds'
import { looseEquals } from '../../src/values/compare'
import { uniqueItems } from '../../src/values/unique'
import { hostile, hostileError } from '../support/hostile'

/** `unique` as it was: keep an item when no earlier item loosely equals it (quadratic). */
const naiveUnique = (items: unknown[]) =>
  items.filter((item, i) => items.findIndex((other) => looseEquals(other, item)) === i)

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Values chosen to meet every rule of loose equality: numbers and numeric text, truth words, dates… */
const LEAVES: unknown[] = [
  0,
  1,
  2,
  -0,
  1.5,
  Number.NaN,
  '0',
  '1',
  '1.0',
  ' 2 ',
  '2',
  '1.5',
  'yes',
  'no',
  'TRUE',
  'false',
  'on',
  'x',
  '',
  true,
  false,
  null,
  new Date(Date.UTC(2024, 0, 1)),
  new Date(Date.UTC(2024, 0, 1)),
  '2024-01-01',
  '2024-01-01T00:00:00Z',
  new Date(Number.NaN),
  '2001',
]

function value(next: () => number, depth: number): unknown {
  const pick = next()
  if (depth > 0 && pick < 0.2)
    return Array.from({ length: Math.floor(next() * 3) }, () => value(next, depth - 1))
  if (depth > 0 && pick < 0.35) {
    const keys = ['a', 'b', 'c'].filter(() => next() < 0.6)
    return Object.fromEntries(keys.map((key) => [key, value(next, depth - 1)]))
  }
  return LEAVES[Math.floor(next() * LEAVES.length)]
}

describe('hostile: collection operations are O(n log n) or better and count as steps', () => {
  it('unique on 100k items ends well inside a 2 s limit (17 s before)', async () => {
    const items = Array.from({ length: 100_000 }, (_, i) => (i % 3 === 0 ? String(i % 5_000) : i % 5_000))
    const { result } = await hostile(
      '<q:set name="items" operation="unique"/><q:return value="{len(items)}"/>',
      {
        params: { items },
      },
    )
    expect(result?.result).toBe(5_000)
    // Records: keyed by their fields, compared only within a bucket of equal keys.
    const rows = Array.from({ length: 50_000 }, (_, i) => ({
      id: i % 20_000,
      active: i % 2 === 0,
      at: new Date(i % 20_000),
    }))
    const { result: records } = await hostile(
      '<q:set name="rows" operation="unique"/><q:return value="{len(rows)}"/>',
      {
        params: { rows },
      },
    )
    expect(records?.result).toBe(20_000)
  })

  it('unique keeps loose-equality semantics: the same items as comparing each with every earlier one', () => {
    const next = random(7)
    for (let round = 0; round < 400; round++) {
      const items = Array.from({ length: Math.floor(next() * 12) }, () => value(next, round % 3))
      expect(uniqueItems(items, DEFAULT_BOUNDS)).toEqual(naiveUnique(items))
    }
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    expect(uniqueItems([cyclic, 1, cyclic, '1', true], DEFAULT_BOUNDS)).toEqual([cyclic, 1])
  })

  it('unique, sort and sorted count their work as steps', async () => {
    const items = Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 100_003)
    for (const use of [
      '<q:set name="l" operation="unique"/>',
      '<q:set name="l" operation="sort"/>',
      '<q:set name="t" value="{sorted(l)}"/>',
      '<q:set name="t" value="{l.join()}"/>',
    ]) {
      const error = await hostileError(`<q:set name="l" value="{items}"/>${use}`, {
        params: { items },
        runtime: { limits: { maxSteps: 50_000 } },
      })
      expect([use, error.message]).toEqual([use, 'run exceeded 50000 steps'])
    }
  })

  it('appending 150k items in a loop is linear: well inside a 3 s limit', async () => {
    const limits = { maxWallTimeMs: 3_000 }
    const { result } = await hostile(
      `<q:loop type="range" var="i" from="1" to="150000"><q:set name="l" operation="append" value="{i}"/></q:loop>
       <q:return value="{[len(l), l[0], l[-1]]}"/>`,
      { runtime: { limits } },
    )
    expect(result?.result).toEqual([150_000, 1, 150_000])
    const { result: object } = await hostile(
      `<q:loop type="range" var="i" from="1" to="50000"><q:set name="o" operation="setProperty" key="k{i}" value="{i}"/></q:loop>
       <q:return value="{[len(o.keys()), o.k50000]}"/>`,
      { runtime: { limits } },
    )
    expect(object?.result).toEqual([50_000, 50_000])
  })

  it('a collection changed in place never changes a copy someone else holds', async () => {
    const { result } = await hostile(
      `<q:set name="a" operation="append" value="1"/><q:set name="a" operation="append" value="2"/>
       <q:set name="b" value="{a}"/><q:set name="a" operation="append" value="3"/>
       <q:set name="kept" value="{[a]}"/><q:set name="a" operation="append" value="4"/>
       <q:function name="hold"><q:param name="list"/><q:return value="{list}"/></q:function>
       <q:set name="held" value="{hold(a)}"/><q:set name="a" operation="prepend" value="0"/>
       <q:set name="seen" value="{[]}"/>
       <q:loop type="array" items="{a}" var="x"><q:set name="a" operation="append" value="{x}"/><q:set name="seen" operation="append" value="{x}"/></q:loop>
       <q:set name="o" operation="setProperty" key="k" value="1"/><q:set name="p" value="{o}"/>
       <q:set name="o" operation="setProperty" key="__proto__" value="2"/><q:set name="o" operation="deleteProperty" key="k"/>
       <q:return value="{[a, b, kept, held, seen, o, p, o.keys()]}"/>`,
    )
    expect(result?.result).toEqual([
      ['0', '1', '2', '3', '4', '0', '1', '2', '3', '4'],
      ['1', '2'],
      [['1', '2', '3']],
      ['1', '2', '3', '4'],
      ['0', '1', '2', '3', '4'],
      { ['__proto__']: '2' },
      { k: '1' },
      ['__proto__'],
    ])
  })

  it('csv in q:data counts the cells it keeps against the value limit, as they are read', async () => {
    const error = await hostileError('<q:data name="rows" source="{text}" type="csv"/>', {
      params: { text: `a,b\n${'x,y\n'.repeat(60_000)}` },
      runtime: { limits: { maxValueLength: 100_000 } },
    })
    expect(error.code).toBe('RUNTIME_LIMIT_EXCEEDED')
    expect(error.message).toBe('a value of 100002 items or characters exceeds the limit of 100000')
  })
})
