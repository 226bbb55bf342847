/** Where the CLI writes: `process.stdout`/`process.stderr`, or a capture in tests. */
export interface OutputStream {
  write(text: string): unknown
  /** Colours are used only when this is true. */
  isTTY?: boolean
  /** Terminal width, used to wrap help. */
  columns?: number
}

/** Everything `main` reads from or writes to the outside world, so it can run in-process. */
export interface CliIO {
  stdout: OutputStream
  stderr: OutputStream
  env: Record<string, string | undefined>
  /** Relative file paths and option values are resolved against this directory. */
  cwd: string
  /**
   * How problems are printed on stderr: `error CODE: message` lines, or one JSON object per problem
   * (`{"error":{"code","message"}}`), which `--format json` selects. @defaultValue `'text'`
   */
  errorFormat?: 'text' | 'json'
  /** Aborted when the user interrupts (Ctrl-C) or the process is asked to stop: a run stops between statements. */
  signal?: AbortSignal
}

/** A second interrupt within this long of the first is the same one, delivered twice. */
const REPEAT_WITHIN_MS = 1_000

/** The real process's streams, environment and working directory; SIGINT/SIGTERM abort its signal. */
export function processIO(): CliIO {
  const controller = new AbortController()
  let stoppingSince = 0
  const stop = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      stoppingSince = Date.now()
      controller.abort(new Error(`interrupted by ${signal}`))
    } else if (Date.now() - stoppingSince > REPEAT_WITHIN_MS) {
      // Asked again: stop now, without waiting for running work.
      process.exit(130)
    }
    // The same Ctrl-C may arrive twice at once (the terminal's process group, and a wrapper such as
    // pnpm or timeout passing it on): that is still the one request for a clean stop.
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  }
}

/** Colours only on a terminal, and never when `NO_COLOR` is set (https://no-color.org). */
export function useColor(stream: OutputStream, env: CliIO['env']): boolean {
  return stream.isTTY === true && env.NO_COLOR === undefined
}

/** Resolves once `signal` aborts (never without one): how a host waits for Ctrl-C or SIGTERM. */
export function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return
    if (signal.aborted) return resolve()
    signal.addEventListener('abort', () => resolve(), { once: true })
  })
}
