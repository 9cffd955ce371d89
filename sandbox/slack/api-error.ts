/** A Web API failure as Slack reports it: HTTP 200 `{ok:false, error, ...extra}`. */
export class SlackApiError extends Error {
  readonly error: string;
  readonly detail: string;
  readonly extra: Record<string, unknown>;

  constructor(error: string, detail = '', extra: Record<string, unknown> = {}) {
    super(detail ? `${error}: ${detail}` : error);
    this.name = 'SlackApiError';
    this.error = error;
    this.detail = detail;
    this.extra = extra;
  }
}

/** Block Kit problems in Slack's shape: `response_metadata.messages` lists each violation. */
export function blockErrors(error: string, messages: string[]): SlackApiError {
  return new SlackApiError(error, messages.slice(0, 3).join('; '), { response_metadata: { messages } });
}
