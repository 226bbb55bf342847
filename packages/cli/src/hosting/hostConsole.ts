import type { SchedulerStats } from '@quantum/scheduler'
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

/** `processed 12, failed 1, skipped 0, 6.0/min`: a host's progress since it started. */
export function progressText(stats: SchedulerStats, elapsedMs: number): string {
  const minutes = Math.max(elapsedMs, 1) / 60_000
  const rate = (stats.fired / minutes).toFixed(1)
  return `processed ${stats.fired}, failed ${stats.failed}, skipped ${stats.skipped}, ${rate}/min`
}

/** How often progress is shown: the live line each second, a plain line each minute. */
export const PROGRESS_EVERY_MS = { live: 1_000, plain: 60_000 }

/**
 * Show progress until the result is called: on a terminal the live line (running fires and the
 * counts), otherwise a plain `progress: …` line on stdout now and then.
 */
export function showProgress(console: HostConsole, stats: () => SchedulerStats, now = Date.now): () => void {
  const since = now()
  const show = () => {
    const current = stats()
    const text = progressText(current, now() - since)
    if (console.live) console.status(`${current.schedules} schedules, ${current.running} running, ${text}`)
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
