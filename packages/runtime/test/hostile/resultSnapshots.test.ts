import { describe, expect, it } from 'vitest'
import { run } from '../helpers'
import { RecordingJobs, RecordingSchedules } from '../support/jobServices'

/**
 * 1,000 schedules in one file stored 139 MB of definitions: each schedule's snapshot carried every earlier
 * schedule's `schedule_<name>` result. Tag results are read by name but copied into no snapshot.
 */
describe('tag results are not copied into later bodies', () => {
  it('the 300th schedule snapshot holds no earlier registration, and the page still reads them', async () => {
    const schedules = new RecordingSchedules()
    const tags = Array.from(
      { length: 300 },
      (_, i) => `<q:schedule name="s${i}" interval="1h"><q:log>tick ${i}</q:log></q:schedule>`,
    ).join('\n')
    const result = await run(`${tags}\n<q:return value="{schedule_s0.trigger_info} {s299_schedule.name}"/>`, {
      services: { schedules },
    })
    expect(result.result).toBe('every 1h s299')
    const last = schedules.definitions.at(-1)
    expect(Object.keys(last?.snapshot ?? {}).filter((name) => name.includes('schedule'))).toEqual([])
    const stored = schedules.definitions.reduce(
      (sum, definition) => sum + JSON.stringify(definition).length,
      0,
    )
    expect(stored).toBeLessThan(300 * 2_000)
  })

  it('a job defined after dispatches has no dispatched_job_ result in its snapshot', async () => {
    const jobs = new RecordingJobs()
    const result = await run(
      `<q:job name="a"><q:log>a</q:log></q:job>
<q:job name="a" action="dispatch"/>
<q:job name="a" action="dispatch"/>
<q:job name="b"><q:log>b</q:log></q:job>
<q:return value="{dispatched_job_a.name}"/>`,
      { services: { jobs } },
    )
    expect(result.result).toBe('a')
    const b = jobs.definitions.find((definition) => definition.name === 'b')
    expect(b).toBeDefined()
    expect(Object.keys(b?.snapshot ?? {})).not.toContain('dispatched_job_a')
  })
})
