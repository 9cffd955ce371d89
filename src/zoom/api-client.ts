/**
 * Zoom REST API calls the product needs (DESIGN §2.4): users/me, users/{id|email}, meeting create
 * and delete.
 * 429 waits for `Retry-After` (or backs off with jitter), 5xx and network failures back off; all
 * bounded. A 401/124 is returned as `token_invalid` at once: refreshing is the caller's job
 * (src/zoom/index.ts) because only it knows the credential.
 */
import { setTimeout as delay } from 'node:timers/promises';
import pino from 'pino';
import { z } from 'zod';
import {
  type CreateMeetingInput,
  ZoomError,
  type ZoomMeeting,
  type ZoomUser,
  type ZoomUserPage,
} from './contracts.js';
import { type FetchLike, parseJsonText, type RawResponse, send } from './http.js';
import { mapApiError } from './zoom-errors.js';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface ZoomApiClientOptions {
  apiUrl: string;
  fetch?: FetchLike;
  logger?: pino.Logger;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  timeoutMs?: number;
}

export interface ZoomApiClient {
  getMe(accessToken: string, apiUrl?: string): Promise<ZoomUser>;
  getUser(accessToken: string, idOrEmail: string, apiUrl?: string): Promise<ZoomUser>;
  /** One page of `GET /users` (admin scope): active users of the token's account. */
  listUsers(
    accessToken: string,
    pageToken: string | null,
    apiUrl?: string,
    pageSize?: number,
  ): Promise<ZoomUserPage>;
  createMeeting(
    accessToken: string,
    userIdOrEmail: string,
    input: CreateMeetingInput,
    apiUrl?: string,
  ): Promise<ZoomMeeting>;
  /** `DELETE /meetings/{meetingId}`: 204 with no body ("Delete a meeting"). */
  deleteMeeting(accessToken: string, meetingId: string, apiUrl?: string): Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 5_000 };

const userSchema = z.object({
  id: z.string().min(1),
  email: z.string(),
  first_name: z.string().default(''),
  last_name: z.string().default(''),
  type: z.number().int().default(1),
  role_name: z.string().default(''),
  account_id: z.string().default(''),
  status: z.enum(['active', 'inactive', 'pending']).default('active'),
  timezone: z.string().optional(),
  company: z.string().optional(),
});

/** `GET /users` (developers.zoom.us, "List users"): users[], next_page_token (empty when done), total_records. */
const userPageSchema = z.object({
  users: z.array(
    z.object({ id: z.string(), email: z.string(), status: z.string().default('active') }).loose(),
  ),
  next_page_token: z.string().optional(),
  total_records: z.number().int().nonnegative().default(0),
});

/** Zoom's maximum page size for `GET /users`. */
const USERS_PAGE_SIZE = 300;

const meetingSchema = z.object({
  id: z.union([z.number(), z.string()]).transform((value) => String(value)),
  uuid: z.string(),
  host_id: z.string(),
  host_email: z.string().default(''),
  topic: z.string().default(''),
  type: z.number().int(),
  start_time: z.string().optional(),
  duration: z.number().default(0),
  timezone: z.string().optional(),
  join_url: z.string(),
  start_url: z.string(),
  password: z.string().optional(),
  settings: z.object({ auto_start_meeting_summary: z.boolean().optional() }).loose().optional(),
});

/** Zoom's `api_url` is a host ("https://api-us.zoom.us"); our base includes the version path. */
export function normaliseApiBase(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return /\/v2$/.test(trimmed) ? trimmed : `${trimmed}/v2`;
}

/** `Retry-After` as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function toUser(body: z.infer<typeof userSchema>): ZoomUser {
  return {
    id: body.id,
    email: body.email,
    firstName: body.first_name,
    lastName: body.last_name,
    type: body.type,
    roleName: body.role_name,
    accountId: body.account_id,
    status: body.status,
    timezone: body.timezone,
    company: body.company,
  };
}

function toMeeting(body: z.infer<typeof meetingSchema>): ZoomMeeting {
  return {
    id: body.id,
    uuid: body.uuid,
    hostId: body.host_id,
    hostEmail: body.host_email,
    topic: body.topic,
    type: body.type,
    startTime: body.start_time,
    durationMinutes: body.duration,
    timezone: body.timezone,
    joinUrl: body.join_url,
    startUrl: body.start_url,
    password: body.password,
    autoStartMeetingSummary: body.settings?.auto_start_meeting_summary === true,
  };
}

export function createZoomApiClient(options: ZoomApiClientOptions): ZoomApiClient {
  const defaultBase = normaliseApiBase(options.apiUrl);
  const fetchImpl = options.fetch ?? fetch;
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ module: 'zoom-api' });
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 10_000;

  function backoff(attempt: number): number {
    const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
    // "Equal jitter": at least half the step, so retries from many callers spread out but still wait.
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
  }

  async function call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    accessToken: string,
    endpoint: string,
    apiUrl: string | undefined,
    body?: unknown,
  ): Promise<RawResponse> {
    const url = `${apiUrl ? normaliseApiBase(apiUrl) : defaultBase}${path}`;
    const init: RequestInit = {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    };
    for (let attempt = 1; ; attempt += 1) {
      let response: RawResponse;
      try {
        response = await send(fetchImpl, url, init, timeoutMs, endpoint);
      } catch (error) {
        // A POST that timed out may have been applied; replaying it could create a second meeting.
        const replayUnsafe =
          method === 'POST' && error instanceof ZoomError && /no answer/.test(error.message);
        if (attempt >= retry.maxAttempts || replayUnsafe) throw error;
        const wait = backoff(attempt);
        logger.warn({ endpoint, attempt, wait }, 'zoom network error, retrying');
        await sleep(wait);
        continue;
      }
      if (response.status < 400) return response;
      const error = mapApiError(response.status, response.text, endpoint);
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= retry.maxAttempts) throw error;
      let wait = backoff(attempt);
      if (response.status === 429) {
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        // A daily limit says "come back tomorrow": waiting is pointless, report it now.
        if (retryAfter !== undefined && retryAfter > retry.maxDelayMs) throw error;
        if (retryAfter !== undefined) wait = retryAfter;
      }
      logger.warn({ endpoint, attempt, status: response.status, wait }, 'zoom call failed, retrying');
      await sleep(wait);
    }
  }

  function parse<T>(schema: z.ZodType<T>, response: RawResponse, endpoint: string): T {
    const parsed = schema.safeParse(parseJsonText(response.text));
    if (!parsed.success) {
      throw new ZoomError('bad_response', `Zoom ${endpoint}: unexpected response shape`, {
        status: response.status,
        endpoint,
      });
    }
    return parsed.data;
  }

  async function fetchUser(accessToken: string, idOrEmail: string, apiUrl: string | undefined) {
    const endpoint = idOrEmail === 'me' ? 'users.me' : 'users.get';
    const response = await call(
      'GET',
      `/users/${encodeURIComponent(idOrEmail)}`,
      accessToken,
      endpoint,
      apiUrl,
    );
    return toUser(parse(userSchema, response, endpoint));
  }

  return {
    getMe: (accessToken, apiUrl) => fetchUser(accessToken, 'me', apiUrl),
    getUser: (accessToken, idOrEmail, apiUrl) => fetchUser(accessToken, idOrEmail, apiUrl),
    async listUsers(accessToken, pageToken, apiUrl, pageSize = USERS_PAGE_SIZE) {
      const query = new URLSearchParams({ status: 'active', page_size: String(pageSize) });
      if (pageToken) query.set('next_page_token', pageToken);
      const response = await call('GET', `/users?${query.toString()}`, accessToken, 'users.list', apiUrl);
      const page = parse(userPageSchema, response, 'users.list');
      return {
        users: page.users.map((u) => ({ id: u.id, email: u.email.toLowerCase(), status: u.status })),
        nextPageToken: page.next_page_token ? page.next_page_token : null,
        totalRecords: page.total_records,
      };
    },
    async createMeeting(accessToken, userIdOrEmail, input, apiUrl) {
      const endpoint = 'meetings.create';
      const body = {
        topic: input.topic,
        type: input.startTime === undefined ? 1 : 2,
        ...(input.startTime === undefined ? {} : { start_time: input.startTime }),
        ...(input.durationMinutes === undefined ? {} : { duration: input.durationMinutes }),
        ...(input.timezone === undefined ? {} : { timezone: input.timezone }),
        ...(input.autoStartMeetingSummary ? { settings: { auto_start_meeting_summary: true } } : {}),
      };
      const response = await call(
        'POST',
        `/users/${encodeURIComponent(userIdOrEmail)}/meetings`,
        accessToken,
        endpoint,
        apiUrl,
        body,
      );
      return toMeeting(parse(meetingSchema, response, endpoint));
    },
    async deleteMeeting(accessToken, meetingId, apiUrl) {
      // Zoom meeting ids are numbers; anything else never leaves here as a path.
      if (!/^\d{1,19}$/.test(meetingId)) {
        throw new ZoomError('meeting_not_found', 'Zoom meetings.delete: not a meeting id', {
          endpoint: 'meetings.delete',
        });
      }
      // A DELETE is idempotent: the retries of `call` are safe (a repeat answers 3001, read as gone).
      await call('DELETE', `/meetings/${meetingId}`, accessToken, 'meetings.delete', apiUrl);
    },
  };
}
