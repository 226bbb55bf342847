import { plural } from '../format/plural'
import type { OutputStream } from '../io'

/** Clears the terminal line the cursor is on and returns to its start. */
const CLEAR_LINE = '\r\u001b[2K'

/**
 * Where a host prints: lines on stdout and stderr, and on a terminal one live status line kept
 * under them (cleared before each line, drawn again after).
 */
export class HostConsole {
  readonly #out: OutputStream
  readonly #err: OutputStream
  readonly #live: boolean
  #status = ''

  /** `live`: keep a status line on `out` (a terminal); otherwise {@link status} prints nothing. */
  constructor(out: OutputStream, err: OutputStream, live: boolean) {
    this.#out = out
    this.#err = err
    this.#live = live
  }

  /** Whether the status line is drawn (on a terminal). */
  get live(): boolean {
    return this.#live
  }

  /** One line on stdout. */
  out(line: string): void {
    this.#around(() => this.#out.write(`${line}\n`))
  }

  /** One line on stderr. */
  err(line: string): void {
    this.#around(() => this.#err.write(`${line}\n`))
  }

  /** Replace the live status line (on a terminal only). */
  status(text: string): void {
    if (!this.#live) return
    this.#status = text
    this.#out.write(`${CLEAR_LINE}${text}`)
  }

  /** Remove the live status line for good, leaving the cursor at the start of an empty line. */
  clearStatus(): void {
    if (!this.#live || this.#status === '') return
    this.#status = ''
    this.#out.write(CLEAR_LINE)
  }

  #around(write: () => void) {
    if (this.#live && this.#status !== '') this.#out.write(CLEAR_LINE)
    write()
    if (this.#live && this.#status !== '') this.#out.write(this.#status)
  }
}

/** A worker's counts since it started: schedules hosted, what runs now, fires and job attempts. */
export interface WorkerStats {
  schedules: number
  /** Fires and job attempts running now. */
  running: number
  fires: { ran: number; failed: number; skipped: number }
  jobs: { completed: number; retried: number; failed: number; refused: number }
}

/**
 * `fires 12 (1 failed, 0 skipped), jobs 40 completed, 3 retried, 0 failed, 2.1 jobs/s`: a worker's
 * progress since it started; the rate counts job attempts that ended.
 */
export function progressText(stats: WorkerStats, elapsedMs: number): string {
  const { fires, jobs } = stats
  const attempts = jobs.completed + jobs.retried + jobs.failed + jobs.refused
  const rate = (attempts / (Math.max(elapsedMs, 1) / 1000)).toFixed(1)
  const refused = jobs.refused > 0 ? `, ${jobs.refused} lost lease` : ''
  return (
    `fires ${fires.ran} (${fires.failed} failed, ${fires.skipped} skipped), ` +
    `jobs ${jobs.completed} completed, ${jobs.retried} retried, ${jobs.failed} failed${refused}, ${rate} jobs/s`
  )
}

/** How often progress is shown: the live line each second, a plain line each minute. */
export const PROGRESS_EVERY_MS = { live: 1_000, plain: 60_000 }

/**
 * Show progress until the result is called: on a terminal the live line (running fires and the
 * counts), otherwise a plain `progress: …` line on stdout now and then.
 */
export function showProgress(console: HostConsole, stats: () => WorkerStats, now = Date.now): () => void {
  const since = now()
  const show = () => {
    const current = stats()
    const text = progressText(current, now() - since)
    if (console.live)
      console.status(`${plural(current.schedules, 'schedule')}, ${current.running} running, ${text}`)
    else console.out(`progress: ${text}`)
  }
  if (console.live) show()
  const timer = setInterval(show, console.live ? PROGRESS_EVERY_MS.live : PROGRESS_EVERY_MS.plain)
  timer.unref()
  return () => {
    clearInterval(timer)
    console.clearStatus()
  }
}
