/**
 * @packageDocumentation
 * The `Store` contract: where schedules and jobs live between processes. Open one with
 * `@quantum/store/sqlite` (the default, one file) or `@quantum/store/redis` (distributed).
 */
export type { JobDefinition, ScheduleDefinition, ScheduleTrigger, StoredBody } from './definitions'
export { DEFAULT_RETENTION } from './internal/prepare'
export { fireLockKey, runningLockKey } from './lockKeys'
export type {
  ControlAction,
  ControlEvent,
  ControlListener,
  HistoryQuery,
  JobRecord,
  NewRun,
  RegisterScheduleOptions,
  Retention,
  RunKind,
  RunListener,
  RunRecord,
  RunStatus,
  ScheduleChange,
  ScheduleRecord,
  ScheduleStatus,
  Store,
  StoreOptions,
  Timestamp,
  WorkerInfo,
  WorkerRecord,
} from './store'
export { CHECK_TIMEOUT_MS, RUN_KINDS, RUN_STATUSES } from './store'
