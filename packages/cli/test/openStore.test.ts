import { describe, expect, it } from 'vitest'
import { storeLocation } from '../src/index'

const home = '/srv/app/.quantum'

describe('storeLocation: the store the user configured', () => {
  it('is SQLite in the state folder when no Redis is configured', () => {
    expect(storeLocation({ home }, {})).toEqual({ kind: 'sqlite', home })
  })

  it('is Redis at the configuration URL, with its prefix when it gives one', () => {
    expect(storeLocation({ home }, { redis: 'redis://cache:6379' })).toEqual({
      kind: 'redis',
      url: 'redis://cache:6379',
    })
    expect(storeLocation({ home }, { redis: { url: 'redis://cache:6379', prefix: 'shop' } })).toEqual({
      kind: 'redis',
      url: 'redis://cache:6379',
      prefix: 'shop',
    })
  })

  it('takes --redis (or QUANTUM_REDIS_URL, already in the global options) over the file, keeping its prefix', () => {
    const config = { redis: { url: 'redis://from-file:6379', prefix: 'shop' } }
    expect(storeLocation({ home, redisUrl: 'redis://from-flag:6379' }, config)).toEqual({
      kind: 'redis',
      url: 'redis://from-flag:6379',
      prefix: 'shop',
    })
    expect(storeLocation({ home, redisUrl: 'redis://from-flag:6379' }, {})).toEqual({
      kind: 'redis',
      url: 'redis://from-flag:6379',
    })
  })
})
