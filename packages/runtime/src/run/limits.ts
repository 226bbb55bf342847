/** Bounds on one run; a run that passes one ends with `RUNTIME_LIMIT_EXCEEDED`. */
export interface Limits {
  /** Statements executed. @defaultValue 50_000_000 */
  maxSteps: number
  /** Milliseconds from the start of the run; 0 for none. @defaultValue 600_000 */
  maxWallTimeMs: number
  /** Characters of rendered output. @defaultValue 10_000_000 */
  maxOutput: number
  /** Nested function calls. @defaultValue 200 */
  maxCallDepth: number
  /** Characters of one string, or items of one array, a body may build. @defaultValue 10_000_000 */
  maxValueLength: number
  /** Longest stretch of synchronous work before yielding to the event loop, in ms. @defaultValue 10 */
  yieldEveryMs: number
}

export const DEFAULT_LIMITS: Limits = {
  maxSteps: 50_000_000,
  maxWallTimeMs: 600_000,
  maxOutput: 10_000_000,
  maxCallDepth: 200,
  maxValueLength: 10_000_000,
  yieldEveryMs: 10,
}
