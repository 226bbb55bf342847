/** Bounds on one run; a run that passes one ends with `RUNTIME_LIMIT_EXCEEDED`. */
export interface Limits {
  /**
   * Statements executed; work inside one statement (comparing, sorting, serialising collections)
   * counts one step per item it visits. @defaultValue 50_000_000
   */
  maxSteps: number
  /** Milliseconds from the start of the run; 0 for none. @defaultValue 600_000 */
  maxWallTimeMs: number
  /** Characters of rendered output. @defaultValue 10_000_000 */
  maxOutput: number
  /** Nested function calls. @defaultValue 200 */
  maxCallDepth: number
  /**
   * Characters of one string, or items of one array or object, a body may build; also the most
   * characters `str`, `toJson` or a template may produce from a collection, and the most characters
   * of JSON the run's returned value, and its variables together, may take. @defaultValue 10_000_000
   */
  maxValueLength: number
  /**
   * Levels of nested arrays and objects that comparing, serialising or copying a value follows (a
   * self-referencing value is compared as infinitely deep). @defaultValue 1_000
   */
  maxValueDepth: number
  /**
   * Rows one `q:query` may return: the driver's rows are counted as they arrive, and the statement is
   * stopped on the database past this (its values count against `maxValueLength` too). @defaultValue 1_000_000
   */
  maxQueryRows: number
  /** Log entries (`q:log`) one run may write. @defaultValue 100_000 */
  maxLogEntries: number
  /**
   * Characters one run may log: messages, contexts as JSON and correlation ids together; separate
   * from `maxOutput` so that logging cannot flood the host's log sink. @defaultValue 10_000_000
   */
  maxLogCharacters: number
  /** Longest stretch of synchronous work before yielding to the event loop, in ms. @defaultValue 10 */
  yieldEveryMs: number
  /**
   * Jobs one `q:job action="batch"` may enqueue; the batch fails as it collects one more, before any
   * is enqueued. @defaultValue 10_000
   */
  maxBatchJobs: number
}

export const DEFAULT_LIMITS: Limits = {
  maxSteps: 50_000_000,
  maxWallTimeMs: 600_000,
  maxOutput: 10_000_000,
  maxCallDepth: 200,
  maxValueLength: 10_000_000,
  maxValueDepth: 1_000,
  maxQueryRows: 1_000_000,
  maxLogEntries: 100_000,
  maxLogCharacters: 10_000_000,
  yieldEveryMs: 10,
  maxBatchJobs: 10_000,
}
