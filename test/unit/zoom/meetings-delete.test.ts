// DELETE /meetings/{id} (Zoom's "Delete a meeting": 204, or 404 code 3001) and the meeting.deleted
// event as Zoom sends it (object.id a number).
import { describe, expect, it } from 'vitest';
import { createZoomApiClient } from '../../../src/zoom/api-client.js';
import { ZoomError } from '../../../src/zoom/contracts.js';
import { zoomEndpointOf } from '../../../src/zoom/observe.js';
import { parseZoomEvent } from '../../../src/zoom/webhooks.js';

function api(answers: Array<() => Response>) {
  const calls: Array<{ url: string; method: string | undefined }> = [];
  const client = createZoomApiClient({
    apiUrl: 'https://api.example.test/v2',
    fetch: async (url, init) => {
      calls.push({ url: String(url), method: init?.method });
      const next = answers.shift();
      if (!next) throw new Error('unexpected call');
      return next();
    },
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    sleep: async () => undefined,
  });
  return { client, calls };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof ZoomError ? error.code : 'other'),
  );
}

describe('deleteMeeting', () => {
  it('sends DELETE /meetings/{id} and takes 204 as done', async () => {
    const { client, calls } = api([() => new Response(null, { status: 204 })]);
    await client.deleteMeeting('tok', '81234567890');
    expect(calls).toEqual([{ url: 'https://api.example.test/v2/meetings/81234567890', method: 'DELETE' }]);
  });

  it('reads 404 code 3001 as meeting_not_found (no retry), and retries a 5xx', async () => {
    const gone = api([
      () => Response.json({ code: 3001, message: 'Meeting does not exist: 1.' }, { status: 404 }),
    ]);
    expect(await codeOf(gone.client.deleteMeeting('tok', '1'))).toBe('meeting_not_found');
    expect(gone.calls).toHaveLength(1);
    const flaky = api([
      () => Response.json({ code: 500, message: 'oops' }, { status: 503 }),
      () => new Response(null, { status: 204 }),
    ]);
    await flaky.client.deleteMeeting('tok', '2');
    expect(flaky.calls).toHaveLength(2);
  });

  it('never puts anything but a meeting number in the path', async () => {
    const { client, calls } = api([]);
    expect(await codeOf(client.deleteMeeting('tok', '../users/me'))).toBe('meeting_not_found');
    expect(calls).toEqual([]);
  });

  it('is its own metrics endpoint', () => {
    expect(zoomEndpointOf('DELETE', 'https://api.example.test/v2/meetings/81234567890')).toBe(
      'meetings.delete',
    );
    expect(zoomEndpointOf('GET', 'https://api.example.test/v2/meetings/81234567890')).toBe('other');
  });
});

describe('meeting.deleted', () => {
  it('parses Zoom’s payload: numeric id as a string, host, account and operator', () => {
    const event = parseZoomEvent('org', {
      event: 'meeting.deleted',
      event_ts: 1_700_000_000_000,
      payload: {
        account_id: 'acme',
        operator: 'owner@acme.test',
        operator_id: 'zu1',
        object: { id: 81234567890, uuid: 'abc==', host_id: 'zu2', topic: 'x', type: 2 },
      },
    });
    expect(event).toMatchObject({
      event: 'meeting.deleted',
      accountId: 'acme',
      operator: 'owner@acme.test',
      meeting: { id: '81234567890', uuid: 'abc==', hostId: 'zu2' },
    });
  });

  it('refuses a payload without a meeting id', () => {
    expect(() =>
      parseZoomEvent('org', {
        event: 'meeting.deleted',
        event_ts: 1,
        payload: { account_id: 'a', object: {} },
      }),
    ).toThrow();
  });

  it('user events carry the operator too', () => {
    const event = parseZoomEvent('org', {
      event: 'user.deleted',
      event_ts: 1,
      payload: { account_id: 'a', operator: 'boss@a.test', object: { id: 'zu9' } },
    });
    expect(event).toMatchObject({ event: 'user.deleted', operator: 'boss@a.test', user: { id: 'zu9' } });
  });
});
