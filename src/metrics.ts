/**
 * Prometheus metrics (prom-client), one registry per app instance so tests can run several apps
 * in one process. Names follow Prometheus conventions; labels are low-cardinality by design
 * (route patterns, command names, outcomes — never user ids or URLs with tokens).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Histogram<'method' | 'route' | 'status'>;
  slackCommands: Histogram<'command' | 'outcome'>;
  zoomApiCalls: Counter<'endpoint' | 'outcome'>;
  tokenRefreshes: Counter<'app' | 'outcome'>;
  jobRuns: Counter<'job' | 'outcome'>;
  orgConnections: Gauge<'status'>;
  afterAckQueue: Gauge<'state'>;
  afterAckWork: Histogram<'kind' | 'outcome'>;
}

export interface MetricsOptions {
  defaultMetrics?: boolean;
  /** Work running and waiting after its answer (src/after-ack.ts), read at each scrape. */
  afterAckDepth?: () => { active: number; waiting: number };
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const afterAckDepth = options.afterAckDepth;
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
  return {
    registry,
    httpRequests: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by route pattern, method and status',
      labelNames: ['method', 'route', 'status'],
      buckets,
      registers: [registry],
    }),
    slackCommands: new Histogram({
      name: 'slack_command_duration_seconds',
      help: 'Slash commands by command and outcome (time until the reply was sent)',
      labelNames: ['command', 'outcome'],
      buckets,
      registers: [registry],
    }),
    zoomApiCalls: new Counter({
      name: 'zoom_api_calls_total',
      help: 'Zoom API and OAuth calls by endpoint and outcome',
      labelNames: ['endpoint', 'outcome'],
      registers: [registry],
    }),
    tokenRefreshes: new Counter({
      name: 'zoom_token_refreshes_total',
      help: 'Zoom token refreshes by app and outcome',
      labelNames: ['app', 'outcome'],
      registers: [registry],
    }),
    jobRuns: new Counter({
      name: 'job_runs_total',
      help: 'Periodic job runs by job and outcome (skipped = another instance held the lease)',
      labelNames: ['job', 'outcome'],
      registers: [registry],
    }),
    orgConnections: new Gauge({
      name: 'org_connections',
      help: 'Organization connections by status (refreshed by the health-check job)',
      labelNames: ['status'],
      registers: [registry],
    }),
    afterAckQueue: new Gauge({
      name: 'after_ack_queue',
      help: 'Work after an answer to Slack or Zoom, by state (a growing waiting count means scale out)',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        if (!afterAckDepth) return;
        const { active, waiting } = afterAckDepth();
        this.set({ state: 'active' }, active);
        this.set({ state: 'waiting' }, waiting);
      },
    }),
    afterAckWork: new Histogram({
      name: 'after_ack_work_seconds',
      help: 'Work after an answer to Slack or Zoom by kind and outcome (queue wait included)',
      labelNames: ['kind', 'outcome'],
      buckets,
      registers: [registry],
    }),
  };
}
