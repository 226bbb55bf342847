import { expect, it } from 'vitest'

it('exposes the public parser API and nothing else', async () => {
  const api = await import('../src/index')
  expect(Object.keys(api).sort()).toEqual([
    'MAX_PROBLEMS',
    'MAX_SOURCE_BYTES',
    'QUANTUM_NS',
    'TagRegistry',
    'builtinTags',
    'check',
    'closest',
    'defineTag',
    'findInterpolation',
    'parse',
    'parseCondition',
    'parseExpression',
    'parseTemplate',
    'problemCount',
    'sourceSizeError',
  ])
})
