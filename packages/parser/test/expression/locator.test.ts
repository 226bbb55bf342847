import { describe, expect, it } from 'vitest'
import { createLocator } from '../../src/expression/index'
import { point } from './helpers'

describe('createLocator', () => {
  it('maps indexes on the first line from the start point', () => {
    const locator = createLocator('abc', point(3, 7, 40))
    expect(locator.point(0)).toEqual(point(3, 7, 40))
    expect(locator.point(2)).toEqual(point(3, 9, 42))
    expect(locator.point(3)).toEqual(point(3, 10, 43))
  })

  it('starts a new line at column 1 after each newline', () => {
    const locator = createLocator('ab\ncd\n\nx', point(3, 7, 40))
    expect(locator.point(2)).toEqual(point(3, 9, 42))
    expect(locator.point(3)).toEqual(point(4, 1, 43))
    expect(locator.point(4)).toEqual(point(4, 2, 44))
    expect(locator.point(5)).toEqual(point(4, 3, 45))
    expect(locator.point(6)).toEqual(point(5, 1, 46))
    expect(locator.point(7)).toEqual(point(6, 1, 47))
    expect(locator.point(8)).toEqual(point(6, 2, 48))
  })

  it('returns a fresh point each time', () => {
    const locator = createLocator('a', point(1, 1, 0))
    expect(locator.point(0)).not.toBe(locator.point(0))
  })
})
