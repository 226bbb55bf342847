import { describe, expect, it } from 'vitest'
import { BOOLEAN_WORDS, parseBooleanWord } from '../src/index'

describe('parseBooleanWord', () => {
  it.each(['true', 'yes', 'on', '1', 'TRUE', ' Yes ', 'On'])('%s is true', (text) => {
    expect(parseBooleanWord(text)).toBe(true)
  })

  it.each(['false', 'no', 'off', '0', 'False', ' NO ', 'OFF'])('%s is false', (text) => {
    expect(parseBooleanWord(text)).toBe(false)
  })

  it.each(['', 'maybe', 'y', 'n', '2', '-1', 'truthy', '1.0'])('%s is no boolean word', (text) => {
    expect(parseBooleanWord(text)).toBeUndefined()
  })

  it('lists every word in true/false pairs', () => {
    expect(BOOLEAN_WORDS).toEqual([
      ['true', 'false'],
      ['yes', 'no'],
      ['on', 'off'],
      ['1', '0'],
    ])
  })
})
