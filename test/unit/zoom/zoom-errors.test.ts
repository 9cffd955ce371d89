import { describe, expect, it } from 'vitest';
import { mapApiError, mapOAuthError } from '../../../src/zoom/zoom-errors.js';

describe('mapApiError', () => {
  it.each([
    [401, '{"code":124,"message":"Invalid access token."}', 'token_invalid', 124],
    [
      400,
      '{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:admin]."}',
      'missing_scope',
      4711,
    ],
    [404, '{"code":1001,"message":"User does not exist: x."}', 'user_not_found', 1001],
    [
      400,
      // 4700: the user behind the token lacks the privilege (a demoted admin, a member).
      '{"code":4700,"message":"Invalid access token, does not contain scopes. The user is not authorized."}',
      'not_admin',
      4700,
    ],
    [429, '{"code":429,"message":"Too many requests"}', 'rate_limited', 429],
    [503, 'upstream down', 'server_error', undefined],
    [400, '{"code":300,"message":"Validation Failed."}', 'bad_response', 300],
  ])('%i %s → %s', (status, body, code, zoomCode) => {
    const error = mapApiError(status, body, 'users.get');
    expect(error.code).toBe(code);
    expect(error.details.status).toBe(status);
    expect(error.details.zoomCode).toBe(zoomCode);
    expect(error.details.endpoint).toBe('users.get');
  });
});

describe('mapOAuthError', () => {
  it.each([
    [400, '{"reason":"Invalid Token!","error":"invalid_grant"}', 'invalid_grant'],
    [400, '{"reason":"Invalid authorization code","error":"invalid_request"}', 'invalid_grant'],
    [401, '{"reason":"Invalid client_id or client_secret","error":"invalid_client"}', 'bad_response'],
    [429, '{}', 'rate_limited'],
    [502, '<html>bad gateway</html>', 'server_error'],
  ])('%i %s → %s', (status, body, code) => {
    const error = mapOAuthError(status, body, 'oauth.token');
    expect(error.code).toBe(code);
    expect(error.message).not.toMatch(/zrt_|zat_/);
  });
});
