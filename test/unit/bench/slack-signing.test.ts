// The benchmark's request signer must produce what Bolt accepts, or every load run measures 401s.
import { isValidSlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { withDatabaseName } from '../../../bench/support/database.js';
import { signedHeaders, slackSignature, slashCommandBody } from '../../../bench/support/slack-signing.js';
import { median, percentile } from '../../../bench/support/stats.js';

const SECRET = 'test-signing-secret';

function boltAccepts(body: string, headers: Record<string, string>, nowMs: number): boolean {
  return isValidSlackRequest({
    signingSecret: SECRET,
    body,
    headers: {
      'x-slack-signature': headers['x-slack-signature'] ?? '',
      'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
    },
    nowMilliseconds: nowMs,
  });
}

describe('bench Slack signer', () => {
  const body = slashCommandBody({
    teamId: 'T_BENCH',
    userId: 'U0000001',
    command: '/zoom-status',
    responseUrl: 'http://127.0.0.1:1/response/abc',
    triggerId: '1.2.3',
  });

  it('signs a slash command the way Bolt verifies it', () => {
    const now = Date.UTC(2026, 0, 1, 12);
    expect(boltAccepts(body, signedHeaders(SECRET, body, now), now)).toBe(true);
  });

  it('is rejected by Bolt when the body, the secret or the age is wrong', () => {
    const now = Date.UTC(2026, 0, 1, 12);
    const headers = signedHeaders(SECRET, body, now);
    expect(boltAccepts(`${body}&x=1`, headers, now)).toBe(false);
    expect(boltAccepts(body, signedHeaders('other-secret', body, now), now)).toBe(false);
    expect(boltAccepts(body, headers, now + 6 * 60_000)).toBe(false);
  });

  it('matches an HMAC computed outside Node (openssl dgst -sha256 -hmac)', () => {
    expect(slackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, 'token=x')).toBe(
      'v0=3eeaac3070533b0f5536145f88159d8e50277d9f01e4865f87e2d749f4789397',
    );
  });

  it('carries the fields Bolt routes a command on', () => {
    const fields = new URLSearchParams(body);
    expect(fields.get('command')).toBe('/zoom-status');
    expect(fields.get('team_id')).toBe('T_BENCH');
    expect(fields.get('user_id')).toBe('U0000001');
    expect(fields.get('response_url')).toBe('http://127.0.0.1:1/response/abc');
  });
});

describe('bench helpers', () => {
  it('puts a database name on any MongoDB URI, keeping hosts, credentials and options', () => {
    expect(withDatabaseName('mongodb://127.0.0.1:27017', 'b1')).toBe('mongodb://127.0.0.1:27017/b1');
    expect(withDatabaseName('mongodb://u:p@h1:1,h2:2/old?replicaSet=rs', 'b2')).toBe(
      'mongodb://u:p@h1:1,h2:2/b2?replicaSet=rs',
    );
    expect(withDatabaseName('mongodb+srv://u:p@cluster.example.net/?retryWrites=true', 'b3')).toBe(
      'mongodb+srv://u:p@cluster.example.net/b3?retryWrites=true',
    );
  });

  it('computes nearest-rank percentiles', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(median(samples)).toBe(3);
    expect(percentile(samples, 99)).toBe(5);
    expect(percentile(samples, 0)).toBe(1);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});
