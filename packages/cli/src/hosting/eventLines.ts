import type { SchedulerEvent } from '@quantum/scheduler'

/**
 * The lines a worker prints for schedule events, without the time stamp. A fire is one line when it
 * ends (`success NAME due … (started 2 ms late)`, `error NAME due …: message`): the scheduler reports
 * its start and its end together, so the start's lateness joins the end's line.
 */
export class EventLines {
  /** Lateness of fires whose start was reported and whose end was not yet, by name, due and attempt. */
  readonly #started = new Map<string, number>()

  /** The line for `event`, or undefined for events not printed (`armed`, the start of a fire; `log` and `problem` are printed as log lines and warnings). */
  line(event: SchedulerEvent): string | undefined {
    if (event.type === 'fired') {
      this.#started.set(`${event.name} ${event.dueAt} ${event.attempt}`, event.lateMs)
      return undefined
    }
    if (event.type !== 'finished') return eventLine(event)
    const key = `${event.name} ${event.dueAt} ${event.attempt}`
    const lateMs = this.#started.get(key)
    this.#started.delete(key)
    const attempt = event.attempt > 1 ? ` attempt ${event.attempt}` : ''
    const late = lateMs === undefined ? '' : ` (started ${Math.max(0, Math.round(lateMs))} ms late)`
    const error = event.error === undefined ? '' : `: ${oneLine(event.error)}`
    return `${event.status} ${event.name} due ${event.dueAt}${attempt}${late}${error}`
  }
}

/** The line for an event that is not part of a fire (skips, misses, control), or undefined. */
function eventLine(event: SchedulerEvent): string | undefined {
  switch (event.type) {
    case 'skipped':
      return `skipped ${event.name} due ${event.dueAt}: ${event.reason}`
    case 'missed':
      return event.count > 1
        ? `missed ${event.name} due ${event.dueAt} (${event.count} runs, the last due ${event.last})`
        : `missed ${event.name} due ${event.dueAt}`
    case 'registered':
    case 'paused':
    case 'resumed':
    case 'deleted':
      return `${event.type} ${event.name}`
    default:
      return undefined
  }
}

/** `2027-03-14 08:00:00`: the time a worker line was printed, in UTC as the log lines have it. */
export function stamp(now: Date): string {
  return now.toISOString().slice(0, 19).replace('T', ' ')
}

/** Messages stay on their line: a line break in an error cannot pass for an event of its own. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ')
}
