import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CliError, ErrorCodes } from '@quantum/ast'
import type { ActiveJob, QueueAdapter, Settlement } from '@quantum/queue'
import type { SchedulerEvent } from '@quantum/scheduler'
import { Counter, Gauge, Histogram, Registry } from 'prom-client'

/** A worker's Prometheus metrics, fed by its scheduler events and job settlements. */
export interface WorkerMetrics {
  onSchedulerEvent(event: SchedulerEvent): void
  onSettled(job: Pick<ActiveJob, 'queue' | 'name' | 'attempt'>, settlement: Settlement): void
  /** The text format of every metric, queue depths read now. */
  text(): Promise<string>
  readonly contentType: string
}

/** Metrics of one worker; `queue` is read at each scrape for the depth by queue. */
export function createWorkerMetrics(queue: Pick<QueueAdapter, 'queues'>): WorkerMetrics {
  const registry = new Registry()
  const fires = new Counter({
    name: 'quantum_schedule_fires_total',
    help: 'Schedule fire attempts started, by schedule',
    labelNames: ['schedule'],
    registers: [registry],
  })
  const fireRuns = new Counter({
    name: 'quantum_schedule_runs_total',
    help: 'Schedule fires finished, by schedule and status',
    labelNames: ['schedule', 'status'],
    registers: [registry],
  })
  const lateness = new Histogram({
    name: 'quantum_schedule_lateness_seconds',
    help: 'How late a fire started after its due instant',
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60],
    registers: [registry],
  })
  const jobRuns = new Counter({
    name: 'quantum_job_runs_total',
    help: 'Job attempts settled, by queue, job and outcome (completed, retrying, failed…)',
    labelNames: ['queue', 'job', 'status'],
    registers: [registry],
  })
  const attempts = new Histogram({
    name: 'quantum_job_attempts',
    help: 'The attempt number of each settled job attempt',
    labelNames: ['queue'],
    buckets: [1, 2, 3, 5, 10],
    registers: [registry],
  })
  const depth = new Gauge({
    name: 'quantum_queue_depth',
    help: 'Jobs on a queue by status, read at scrape time',
    labelNames: ['queue', 'status'],
    registers: [registry],
  })
  return {
    contentType: registry.contentType,
    onSchedulerEvent(event) {
      if (event.type === 'fired') {
        fires.inc({ schedule: event.name })
        lateness.observe(Math.max(0, event.lateMs) / 1000)
      } else if (event.type === 'finished') {
        fireRuns.inc({ schedule: event.name, status: event.status })
      } else if (event.type === 'skipped' || event.type === 'missed') {
        fireRuns.inc({ schedule: event.name, status: event.type })
      }
    },
    onSettled(job, settlement) {
      jobRuns.inc({ queue: job.queue, job: job.name, status: settlement.outcome })
      attempts.observe({ queue: job.queue }, job.attempt)
    },
    async text() {
      depth.reset()
      for (const stats of await queue.queues()) {
        for (const status of ['pending', 'running', 'completed', 'failed', 'cancelled'] as const) {
          depth.set({ queue: stats.queue, status }, stats[status])
        }
      }
      return registry.metrics()
    },
  }
}

/**
 * The metrics endpoint on loopback: `/metrics` (Prometheus text) and `/health` (JSON; 200 when its
 * `status` is `ok`, else 503).
 */
export interface MetricsServer {
  readonly port: number
  close(): Promise<void>
}

/**
 * Serve `metrics` on 127.0.0.1:`port` (0 picks a free port).
 *
 * @throws CliError `CLI_CONFIG` when the port cannot be bound (in use, or not allowed)
 */
export async function serveMetrics(
  port: number,
  metrics: WorkerMetrics,
  health: () => Record<string, unknown>,
): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]
    if (request.method !== 'GET' || (path !== '/metrics' && path !== '/health')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics or /health\n')
      return
    }
    if (path === '/health') {
      const body = health()
      // A supervisor or load balancer reads the status code: anything but `ok` is a failing worker.
      response
        .writeHead(body.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(body))
      return
    }
    metrics.text().then(
      (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      (error: unknown) =>
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${String(error)}\n`),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new CliError(ErrorCodes.CLI_CONFIG, `cannot serve metrics on 127.0.0.1:${port} (${error.message})`, {
          cause: error,
        }),
      ),
    )
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
