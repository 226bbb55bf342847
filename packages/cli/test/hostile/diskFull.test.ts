import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mountSmallDisk, type SmallDisk } from '../../../store/test/hostile/smallDisk'
import { quantum, requireBuiltBin, startQuantum } from '../child'

// A REAL full disk under the state folder (issue 19, item 9): a small tmpfs, filled by a file.

let disk: SmallDisk
let dir: string
beforeAll(() => {
  requireBuiltBin()
  disk = mountSmallDisk(8192)
  dir = disk.path
})
afterAll(() => disk.unmount())

const TICK = `<q:component name="App" xmlns:q="https://quantum.lang/ns">
  <q:job name="tick" queue="t"><q:param name="n" type="integer" required="true"/><q:log message="tick {n}"/></q:job>
</q:component>
`
const BATCH = `<q:component name="Batch" xmlns:q="https://quantum.lang/ns">
  <q:job name="tick" action="batch">
    <q:loop from="1" to="3" var="i"><q:param name="n" value="{i}"/></q:loop>
  </q:job>
</q:component>
`

describe('jobs dispatch and a batch on a full disk', () => {
  it('fail with STORE_FULL naming the database, without a stack trace, beside a running worker', async () => {
    mkdirSync(join(dir, 'app'))
    writeFileSync(join(dir, 'app', 'tick.q'), TICK)
    writeFileSync(join(dir, 'batch.q'), BATCH)
    const worker = startQuantum(['worker', 'start', '--app', 'app'], { cwd: dir })
    try {
      await worker.printed('Press Ctrl+C')
      disk.fill()
      const dispatch = await quantum(['jobs', 'dispatch', 'tick', '--params', '{"n":1}'], { cwd: dir })
      expect(dispatch.code).toBe(1)
      expect(dispatch.stderr).toMatch(/error STORE_FULL: .*quantum\.db.*full/)
      expect(dispatch.stderr).not.toMatch(/CLI_INTERNAL|\n\s+at /)
      const batch = await quantum(['run', 'batch.q'], { cwd: dir })
      expect(batch.code).toBe(1)
      expect(batch.stderr).toMatch(/batch\.q:2:3: error STORE_FULL/)
      expect(batch.stderr).not.toMatch(/RUNTIME_ERROR|\n\s+at /)
      disk.free()
      expect((await quantum(['run', 'batch.q'], { cwd: dir })).code).toBe(0)
      await worker.printed(/completed tick #\d+ on t attempt 1[\s\S]*completed tick[\s\S]*completed tick/)
    } finally {
      disk.free()
      await worker.kill()
    }
  }, 60_000)

  it('a command that opens the state folder on a full disk says STORE_FULL, not a disk I/O error', async () => {
    const home = join(dir, 'fresh')
    disk.fill()
    try {
      const list = await quantum(['jobs', 'list', '--home', home], { cwd: dir })
      expect(list.code).toBe(1)
      expect(list.stderr).toMatch(/error STORE_FULL: .*full/)
    } finally {
      disk.free()
    }
  })
})
