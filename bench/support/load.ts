/**
 * Load with autocannon at a fixed overall rate; every request is a slash command signed at the
 * moment it is sent (autocannon's setupRequest), so Bolt's 5-minute window always holds.
 *
 * How autocannon keeps a rate: each connection sends its share of the second back to back (one
 * request in flight per connection), then pauses until the next second. So load arrives as a burst
 * at the start of every second with `connections` requests in flight: harder than evenly spaced
 * arrivals, and the same for every target. Latencies are recorded raw (ignoreCoordinatedOmission):
 * autocannon 9's correction uses an expected interval of ceil(1/rate) = 1 ms, which would add a
 * synthetic sample for every millisecond of every slow answer.
 */
import autocannon, { type Result } from 'autocannon';
import { signedHeaders } from './slack-signing.js';

export interface LoadRun {
  target: string;
  rate: number;
  durationS: number;
  connections: number;
  /** Requests answered 2xx. */
  completed: number;
  /** Mean answered requests per second over the run. */
  throughput: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  target: string;
  url: string;
  rate: number;
  durationS: number;
  connections?: number;
  signingSecret: string;
  /**
   * The i-th request's raw body (i counts from 0 across the whole run). `connection` is a scratch
   * object of the connection sending it, handed back to `onResponse` with its answer (one request
   * in flight per connection, so it names the request being answered).
   */
  body(index: number, connection: Record<string, unknown>): string;
  onResponse?: (status: number, body: string, connection: Record<string, unknown>) => void;
}

export async function runSignedLoad(options: LoadOptions): Promise<LoadRun> {
  // Enough connections that a slow answer never holds back the schedule at this rate.
  const connections = options.connections ?? Math.max(10, Math.min(100, Math.ceil(options.rate / 5)));
  let index = 0;
  const result = await new Promise<Result>((resolve, reject) => {
    autocannon(
      {
        url: options.url,
        method: 'POST',
        connections,
        overallRate: options.rate,
        duration: options.durationS,
        timeout: 10,
        ignoreCoordinatedOmission: true,
        requests: [
          {
            method: 'POST',
            setupRequest: (request, connection) => {
              const body = options.body(index, connection);
              index += 1;
              return { ...request, body, headers: signedHeaders(options.signingSecret, body) };
            },
            ...(options.onResponse ? { onResponse: options.onResponse } : {}),
          },
        ],
      },
      (error, value) => (error ? reject(error) : resolve(value)),
    );
  });
  return {
    target: options.target,
    rate: options.rate,
    durationS: options.durationS,
    connections,
    completed: result['2xx'],
    throughput: Math.round((result['2xx'] / Math.max(result.duration, 0.001)) * 10) / 10,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
