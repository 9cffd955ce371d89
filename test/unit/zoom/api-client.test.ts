import { describe, expect, it } from 'vitest';
import { createZoomApiClient, normaliseApiBase, parseRetryAfter } from '../../../src/zoom/api-client.js';
import { ZoomError } from '../../../src/zoom/contracts.js';

const user = {
  id: 'u1',
  email: 'a@b.test',
  first_name: 'A',
  last_name: 'B',
  type: 2,
  role_name: 'Admin',
  role_id: '1',
  account_id: 'acc',
  status: 'active',
};

type Step = { status: number; body?: unknown; headers?: Record<string, string> } | 'network';

function scripted(steps: Step[]) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    calls.push({ url, init });
    const step = steps.shift();
    if (step === undefined) throw new Error('unexpected call');
    if (step === 'network') throw new TypeError('fetch failed');
    return new Response(JSON.stringify(step.body ?? {}), {
      status: step.status,
      headers: step.headers ?? {},
    });
  };
  return { fetch, calls };
}

function client(steps: Step[]) {
  const sleeps: number[] = [];
  const script = scripted(steps);
  const api = createZoomApiClient({
    apiUrl: 'https://api.example.test/v2',
    fetch: script.fetch,
    retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 },
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
  });
  return { api, sleeps, calls: script.calls };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof ZoomError ? error.code : 'other';
  }
}

describe('createZoomApiClient', () => {
  it('parses users and URL-encodes ids/emails in the path', async () => {
    const { api, calls } = client([{ status: 200, body: user }]);
    const result = await api.getUser('tok', 'a+b/c@x.test');
    expect(result).toMatchObject({ id: 'u1', roleName: 'Admin', status: 'active', accountId: 'acc' });
    expect(calls[0]?.url).toBe('https://api.example.test/v2/users/a%2Bb%2Fc%40x.test');
    expect(new Headers(calls[0]?.init?.headers).get('authorization')).toBe('Bearer tok');
  });

  it('honours api_url from the token response', async () => {
    const { api, calls } = client([{ status: 200, body: user }]);
    await api.getMe('tok', 'https://api-eu.example.test');
    expect(calls[0]?.url).toBe('https://api-eu.example.test/v2/users/me');
  });

  it('waits Retry-After on 429 then succeeds', async () => {
    const { api, sleeps } = client([
      { status: 429, body: { code: 429 }, headers: { 'retry-after': '1' } },
      { status: 200, body: user },
    ]);
    await api.getMe('tok');
    expect(sleeps).toEqual([1000]);
  });

  it('backs off with jitter on 429 without Retry-After, bounded', async () => {
    const { api, sleeps, calls } = client([
      { status: 429, body: { code: 429 } },
      { status: 429, body: { code: 429 } },
      { status: 429, body: { code: 429 } },
    ]);
    expect(await codeOf(api.getMe('tok'))).toBe('rate_limited');
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([75, 150]);
  });

  it('does not wait for a daily limit (Retry-After beyond the bound)', async () => {
    const { api, sleeps, calls } = client([
      { status: 429, body: { code: 429 }, headers: { 'retry-after': '36000' } },
    ]);
    expect(await codeOf(api.createMeeting('tok', 'me', { topic: 't' }))).toBe('rate_limited');
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries 5xx and network errors, then reports them', async () => {
    const ok = client(['network', { status: 502 }, { status: 200, body: user }]);
    await ok.api.getMe('tok');
    expect(ok.calls).toHaveLength(3);
    const bad = client([{ status: 500 }, { status: 503 }, { status: 500 }]);
    expect(await codeOf(bad.api.getMe('tok'))).toBe('server_error');
    const net = client(['network', 'network', 'network']);
    expect(await codeOf(net.api.getMe('tok'))).toBe('network');
  });

  it('does not retry 401/124, 404/1001, 4711', async () => {
    expect(await codeOf(client([{ status: 401, body: { code: 124 } }]).api.getMe('t'))).toBe('token_invalid');
    expect(await codeOf(client([{ status: 404, body: { code: 1001 } }]).api.getUser('t', 'x'))).toBe(
      'user_not_found',
    );
    expect(await codeOf(client([{ status: 400, body: { code: 4711 } }]).api.getUser('t', 'x'))).toBe(
      'missing_scope',
    );
  });

  it('reports a body that does not parse as bad_response', async () => {
    expect(await codeOf(client([{ status: 200, body: { nope: true } }]).api.getMe('t'))).toBe('bad_response');
  });

  it('sends auto_start_meeting_summary only when asked and maps the meeting', async () => {
    const meeting = {
      id: 123456789012,
      uuid: 'u==',
      host_id: 'h',
      host_email: 'h@x.test',
      topic: 'T',
      type: 1,
      duration: 60,
      join_url: 'https://j',
      start_url: 'https://s',
      settings: { auto_start_meeting_summary: true },
    };
    const { api, calls } = client([
      { status: 201, body: meeting },
      { status: 201, body: meeting },
    ]);
    const created = await api.createMeeting('t', 'a@x.test', { topic: 'T', autoStartMeetingSummary: true });
    expect(created).toMatchObject({
      id: '123456789012',
      autoStartMeetingSummary: true,
      joinUrl: 'https://j',
    });
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({
      topic: 'T',
      type: 1,
      settings: { auto_start_meeting_summary: true },
    });
    await api.createMeeting('t', 'me', {
      topic: 'T',
      startTime: '2030-01-01T10:00:00Z',
      durationMinutes: 30,
    });
    expect(JSON.parse(String(calls[1]?.init?.body))).toEqual({
      topic: 'T',
      type: 2,
      start_time: '2030-01-01T10:00:00Z',
      duration: 30,
    });
  });
});

describe('helpers', () => {
  it('normalises api bases and parses Retry-After', () => {
    expect(normaliseApiBase('https://api.zoom.us')).toBe('https://api.zoom.us/v2');
    expect(normaliseApiBase('https://api.zoom.us/v2/')).toBe('https://api.zoom.us/v2');
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 0)).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
