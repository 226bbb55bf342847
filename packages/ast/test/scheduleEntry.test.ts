import { describe, expect, it } from 'vitest'
import type { FunctionNode, Statement } from '../src/index'
import { scheduleEntry } from '../src/index'

const fn = (name: string): FunctionNode =>
  ({ type: 'function', name, params: [], body: [] }) as unknown as FunctionNode
const log = { type: 'log', level: 'info', message: 'x' } as unknown as Statement

describe('scheduleEntry: what a fire runs', () => {
  it('runs the statements of a body that does something besides defining functions', () => {
    expect(scheduleEntry([fn('helper'), log])).toEqual({ kind: 'statements' })
  })

  it('runs the one function of a functions-only body, or the one named execute', () => {
    expect(scheduleEntry([fn('cleanup')])).toMatchObject({ kind: 'function', function: { name: 'cleanup' } })
    expect(scheduleEntry([fn('a'), fn('execute'), fn('b')])).toMatchObject({
      kind: 'function',
      function: { name: 'execute' },
    })
  })

  it('says why an empty body, or several functions without execute, would do nothing', () => {
    expect(scheduleEntry([])).toEqual({
      kind: 'nothing',
      reason: 'the body is empty, so a fire would run nothing',
    })
    const several = scheduleEntry([fn('a'), fn('b')])
    expect(several.kind).toBe('nothing')
    expect(several.kind === 'nothing' && several.reason).toContain("('a', 'b') and none is named 'execute'")
  })
})
