/**
 * Metrics hooks for the Zoom layer (issue 8: Zoom calls by endpoint and outcome, refreshes by
 * outcome) without the Zoom clients knowing about Prometheus: the gateway wraps its fetch and its
 * refresher. Endpoints and outcomes are small fixed sets (never ids, emails or URLs), so they are
 * safe as metric labels.
 */
import type { ZoomAppKind } from './contracts.js';
import { ZoomError } from './contracts.js';
import type { FetchLike } from './http.js';

export type ZoomCallOutcome =
  | 'ok'
  | 'unauthorized'
  | 'rate_limited'
  | 'client_error'
  | 'server_error'
  | 'timeout'
  | 'network';

export type ZoomEndpoint =
  | 'oauth.token'
  | 'oauth.revoke'
  | 'users.me'
  | 'users.get'
  | 'meetings.create'
  | 'meetings.delete'
  | 'other';

export interface ZoomObserver {
  /** One per HTTP attempt (a retried call counts each attempt, so retries are visible). */
  onCall?: (endpoint: ZoomEndpoint, outcome: ZoomCallOutcome) => void;
  /** One per refresh-token exchange: `ok` or the ZoomError code (`invalid_grant`, `network`, …). */
  onRefresh?: (app: ZoomAppKind, outcome: string) => void;
}

export function zoomEndpointOf(method: string, url: string): ZoomEndpoint {
  let path: string;
  try {
    path = new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return 'other';
  }
  if (path.endsWith('/oauth/token')) return 'oauth.token';
  if (path.endsWith('/oauth/revoke')) return 'oauth.revoke';
  if (/\/users\/[^/]+\/meetings$/.test(path))
    return method.toUpperCase() === 'POST' ? 'meetings.create' : 'other';
  if (/\/meetings\/\d+$/.test(path)) return method.toUpperCase() === 'DELETE' ? 'meetings.delete' : 'other';
  if (path.endsWith('/users/me')) return 'users.me';
  if (/\/users\/[^/]+$/.test(path)) return 'users.get';
  return 'other';
}

export function outcomeOfStatus(status: number): ZoomCallOutcome {
  if (status < 400) return 'ok';
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'rate_limited';
  return status >= 500 ? 'server_error' : 'client_error';
}

/** A hook that throws must never fail the Zoom call it observes. */
function safely(hook: () => void): void {
  try {
    hook();
  } catch {
    // metrics are best effort
  }
}

export function observeFetch(fetchImpl: FetchLike, onCall: NonNullable<ZoomObserver['onCall']>): FetchLike {
  return async (input, init) => {
    const endpoint = zoomEndpointOf(init?.method ?? 'GET', input);
    try {
      const response = await fetchImpl(input, init);
      safely(() => onCall(endpoint, outcomeOfStatus(response.status)));
      return response;
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      safely(() => onCall(endpoint, timedOut ? 'timeout' : 'network'));
      throw error;
    }
  };
}

export function observeRefresher<T>(
  refresher: { refresh(refreshToken: string, app: ZoomAppKind): Promise<T> },
  onRefresh: NonNullable<ZoomObserver['onRefresh']>,
): { refresh(refreshToken: string, app: ZoomAppKind): Promise<T> } {
  return {
    async refresh(refreshToken, app) {
      try {
        const tokens = await refresher.refresh(refreshToken, app);
        safely(() => onRefresh(app, 'ok'));
        return tokens;
      } catch (error) {
        safely(() => onRefresh(app, error instanceof ZoomError ? error.code : 'error'));
        throw error;
      }
    },
  };
}
