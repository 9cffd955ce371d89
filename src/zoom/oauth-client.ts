/**
 * Zoom OAuth for one app (DESIGN §2.4): authorize URL with state + PKCE S256, code exchange,
 * refresh and revoke. Token calls use HTTP Basic client authentication and form bodies.
 * No retries here: a token request that may have reached Zoom must not be replayed blindly,
 * because refresh tokens rotate.
 */
import pino from 'pino';
import { z } from 'zod';
import { ZoomError, type ZoomTokenSet } from './contracts.js';
import { type FetchLike, parseJsonText, send } from './http.js';
import { mapOAuthError } from './zoom-errors.js';

export interface ZoomOAuthClientOptions {
  oauthUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  fetch?: FetchLike;
  logger?: pino.Logger;
  clock?: () => Date;
  timeoutMs?: number;
}

export interface ZoomOAuthClient {
  readonly clientId: string;
  authorizeUrl(params: { state: string; codeChallenge: string }): string;
  exchangeCode(params: { code: string; codeVerifier: string }): Promise<ZoomTokenSet>;
  refresh(refreshToken: string): Promise<ZoomTokenSet>;
  /** Resolves true when Zoom confirmed, false when Zoom said the token was already unknown/dead. */
  revoke(token: string): Promise<boolean>;
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  scope: z.string().default(''),
  api_url: z.url().optional(),
});

const revokeResponse = z.object({ status: z.string() }).loose();

export function trimBase(url: string): string {
  return url.replace(/\/+$/, '');
}

export function createZoomOAuthClient(options: ZoomOAuthClientOptions): ZoomOAuthClient {
  const base = trimBase(options.oauthUrl);
  const fetchImpl = options.fetch ?? fetch;
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ module: 'zoom-oauth' });
  const clock = options.clock ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 10_000;
  const basic = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`, 'utf8').toString('base64')}`;

  async function postForm(path: string, form: Record<string, string>, endpoint: string) {
    return send(
      fetchImpl,
      `${base}${path}`,
      {
        method: 'POST',
        headers: {
          authorization: basic,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams(form).toString(),
      },
      timeoutMs,
      endpoint,
    );
  }

  async function tokenRequest(form: Record<string, string>, endpoint: string): Promise<ZoomTokenSet> {
    const requestedAt = clock().getTime();
    const response = await postForm('/oauth/token', form, endpoint);
    if (response.status !== 200) {
      const error = mapOAuthError(response.status, response.text, endpoint);
      logger.warn({ endpoint, status: response.status, code: error.code }, 'zoom token request failed');
      throw error;
    }
    const parsed = tokenResponse.safeParse(parseJsonText(response.text));
    if (!parsed.success) {
      throw new ZoomError('bad_response', `Zoom ${endpoint}: unexpected token response`, {
        status: response.status,
        endpoint,
      });
    }
    const body = parsed.data;
    logger.debug({ endpoint, expiresIn: body.expires_in }, 'zoom token issued');
    return {
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      // Counted from when we asked, so clock skew and latency err on the early side.
      expiresAt: new Date(requestedAt + body.expires_in * 1000),
      scope: body.scope,
      apiUrl: body.api_url,
    };
  }

  return {
    clientId: options.clientId,
    authorizeUrl({ state, codeChallenge }) {
      const url = new URL(`${base}/oauth/authorize`);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', options.clientId);
      url.searchParams.set('redirect_uri', options.redirectUri);
      url.searchParams.set('state', state);
      url.searchParams.set('code_challenge', codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
      return url.toString();
    },
    exchangeCode({ code, codeVerifier }) {
      return tokenRequest(
        {
          grant_type: 'authorization_code',
          code,
          redirect_uri: options.redirectUri,
          code_verifier: codeVerifier,
        },
        'oauth.token(authorization_code)',
      );
    },
    refresh(refreshToken) {
      return tokenRequest(
        { grant_type: 'refresh_token', refresh_token: refreshToken },
        'oauth.token(refresh_token)',
      );
    },
    async revoke(token) {
      const endpoint = 'oauth.revoke';
      const response = await postForm('/oauth/revoke', { token }, endpoint);
      if (response.status === 200) {
        const parsed = revokeResponse.safeParse(parseJsonText(response.text));
        return parsed.success && parsed.data.status === 'success';
      }
      const error = mapOAuthError(response.status, response.text, endpoint);
      // An unknown or already-dead token means the goal (token unusable) is reached.
      if (error.code === 'invalid_grant') return false;
      throw error;
    },
  };
}
