import { describe, expect, it } from 'vitest'
import { bindNamedParameters, placeholderNames } from '../../src/services/sql/bind'

describe('bindNamedParameters', () => {
  it('replaces each :name with ? and lists every occurrence', () => {
    const bound = bindNamedParameters('SELECT * FROM t WHERE a = :a AND b = :b OR a = :a', 'question')
    expect(bound).toEqual({ text: 'SELECT * FROM t WHERE a = ? AND b = ? OR a = ?', names: ['a', 'b', 'a'] })
  })

  it('numbers placeholders $1..$n and reuses the number of a repeated name', () => {
    const bound = bindNamedParameters('SELECT * FROM t WHERE a = :a AND b = :b OR a = :a', 'dollar')
    expect(bound).toEqual({ text: 'SELECT * FROM t WHERE a = $1 AND b = $2 OR a = $1', names: ['a', 'b'] })
  })

  it('accepts names that start with a letter or _ and continue with word characters', () => {
    expect(bindNamedParameters('VALUES (:_x1, :userId, :9, :)', 'question')).toEqual({
      text: 'VALUES (?, ?, :9, :)',
      names: ['_x1', 'userId'],
    })
  })

  it('leaves string literals alone, including doubled quotes', () => {
    const sql = "SELECT ':no', 'it''s :still_no', :yes FROM t WHERE c = 'x:y'"
    expect(bindNamedParameters(sql, 'question')).toEqual({
      text: "SELECT ':no', 'it''s :still_no', ? FROM t WHERE c = 'x:y'",
      names: ['yes'],
    })
  })

  it('leaves quoted identifiers alone', () => {
    const sql = 'SELECT "col:name", "a""b:c", `tick:x` FROM t WHERE id = :id'
    expect(bindNamedParameters(sql, 'dollar')).toEqual({
      text: 'SELECT "col:name", "a""b:c", `tick:x` FROM t WHERE id = $1',
      names: ['id'],
    })
  })

  it('leaves line and block comments alone', () => {
    const sql = 'SELECT 1 -- :nope\n, :a /* :no\n :never */ , :b'
    expect(bindNamedParameters(sql, 'dollar')).toEqual({
      text: 'SELECT 1 -- :nope\n, $1 /* :no\n :never */ , $2',
      names: ['a', 'b'],
    })
  })

  it('keeps PostgreSQL ::type casts', () => {
    const sql = 'SELECT :when::timestamptz, created::date, :n::int FROM t'
    expect(bindNamedParameters(sql, 'dollar')).toEqual({
      text: 'SELECT $1::timestamptz, created::date, $2::int FROM t',
      names: ['when', 'n'],
    })
  })

  it('leaves dollar-quoted bodies alone', () => {
    const sql = 'SELECT $$ :a $$, $fn$ :b $fn$, :c'
    expect(bindNamedParameters(sql, 'dollar')).toEqual({
      text: 'SELECT $$ :a $$, $fn$ :b $fn$, $1',
      names: ['c'],
    })
  })

  it('returns the text unchanged when there are no placeholders', () => {
    expect(bindNamedParameters('SELECT 1', 'question')).toEqual({ text: 'SELECT 1', names: [] })
  })

  it('copes with unterminated strings and comments', () => {
    expect(bindNamedParameters("SELECT :a, 'open :b", 'question').names).toEqual(['a'])
    expect(bindNamedParameters('SELECT :a /* open :b', 'question').names).toEqual(['a'])
  })
})

describe('placeholderNames', () => {
  it('lists unique names in order of first use, skipping strings, comments and casts', () => {
    const sql = "SELECT :b, :a::text, ':c' -- :d\n FROM t WHERE x = :b AND y = :e"
    expect(placeholderNames(sql)).toEqual(['b', 'a', 'e'])
  })
})
