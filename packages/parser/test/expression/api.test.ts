import { expect, it } from 'vitest'

it('exports exactly the expression API', async () => {
  const api = await import('../../src/expression/index')
  expect(Object.keys(api).sort()).toEqual([
    'createLocator',
    'findInterpolation',
    'parseCondition',
    'parseExpression',
    'parseTemplate',
  ])
})
