/**
 * What the stand-in saw: every Slack error it returned (so a test can assert a whole flow produced
 * none) and a change feed of activity (for a later sandbox UI and for `settle()`).
 */

export interface RecordedError {
  at: number;
  /** A Web API method, `response_url`, or `view_submission` for an invalid response_action view. */
  method: string;
  error: string;
  detail: string;
  team: string | undefined;
}

export interface ActivityEntry {
  seq: number;
  at: number;
  kind: string;
  team: string | undefined;
  user: string | undefined;
  summary: string;
  /** The conversation concerned (a C… channel or a D… DM), when there is one. */
  channel?: string | undefined;
}

const MAX_ACTIVITY = 5_000;

export function createRecorder(clock: () => number) {
  const errors: RecordedError[] = [];
  const activity: ActivityEntry[] = [];
  let seq = 0;
  let lastChangeAt = Date.now();
  let changes = 0;
  let inFlight = 0;

  return {
    error(method: string, error: string, detail: string, team?: string): void {
      errors.push({ at: clock(), method, error, detail, team });
      this.activity('error', team, undefined, `${method}: ${error}${detail ? ` (${detail})` : ''}`);
    },
    errors: (): RecordedError[] => [...errors],
    clearErrors(): void {
      errors.length = 0;
    },

    activity(
      kind: string,
      team: string | undefined,
      user: string | undefined,
      summary: string,
      channel?: string,
    ): void {
      seq += 1;
      activity.push({ seq, at: clock(), kind, team, user, summary, ...(channel ? { channel } : {}) });
      if (activity.length > MAX_ACTIVITY) activity.splice(0, activity.length - MAX_ACTIVITY);
      lastChangeAt = Date.now();
      changes += 1;
    },
    activitySince: (since: number): ActivityEntry[] => activity.filter((a) => a.seq > since),
    lastSeq: (): number => seq,

    /** Web API requests being served; settle() waits for zero. */
    begin(): void {
      inFlight += 1;
      lastChangeAt = Date.now();
      changes += 1;
    },
    end(): void {
      inFlight -= 1;
      lastChangeAt = Date.now();
      changes += 1;
    },
    /** Marks a moment of activity that is not an API call (e.g. the app just answered a delivery). */
    touch(): void {
      lastChangeAt = Date.now();
      changes += 1;
    },
    quiet: (): { inFlight: number; idleMs: number; changes: number } => ({
      inFlight,
      idleMs: Date.now() - lastChangeAt,
      changes,
    }),
  };
}

export type Recorder = ReturnType<typeof createRecorder>;
