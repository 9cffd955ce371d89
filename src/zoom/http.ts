/** The fetch seam shared by the Zoom clients: a timeout per attempt and network errors as ZoomError. */
import { ZoomError } from './contracts.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

export async function send(
  fetchImpl: FetchLike,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  endpoint: string,
): Promise<RawResponse> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchImpl(url, { ...init, signal });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new ZoomError(
      'network',
      timedOut ? `Zoom ${endpoint}: no answer within ${timeoutMs} ms` : `Zoom ${endpoint}: network error`,
      { endpoint },
      { cause: error },
    );
  }
}

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
