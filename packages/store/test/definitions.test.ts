import type {
  PortableBody,
  JobDefinition as RuntimeJobDefinition,
  ScheduleDefinition as RuntimeScheduleDefinition,
  ScheduleService,
} from '@quantum/runtime'
import { expect, expectTypeOf, it } from 'vitest'
import type { JobDefinition, ScheduleDefinition, ScheduleRecord, StoredBody } from '../src/index'
import { DEFAULT_RETENTION } from '../src/index'

// The store states the runtime's definition shapes itself (it depends on @quantum/ast only). These
// checks run in `tsc`: if the runtime changes a definition, the store must follow.
it('keeps the definitions the runtime registers, field for field', () => {
  expectTypeOf<StoredBody>().toEqualTypeOf<PortableBody>()
  expectTypeOf<ScheduleDefinition>().toEqualTypeOf<RuntimeScheduleDefinition>()
  expectTypeOf<JobDefinition>().toEqualTypeOf<RuntimeJobDefinition>()
  expectTypeOf<ScheduleRecord['definition']>().toEqualTypeOf<Parameters<ScheduleService['register']>[0]>()
})

it('keeps 30 days and 1000 rows per name of history by default', () => {
  expect(DEFAULT_RETENTION).toEqual({ maxAgeMs: 30 * 24 * 3600 * 1000, maxPerName: 1000 })
  expect(Object.isFrozen(DEFAULT_RETENTION)).toBe(true)
})
