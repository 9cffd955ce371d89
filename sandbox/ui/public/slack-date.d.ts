// Types of slack-date.js for the tests that import it.
export interface Reader {
  timeZone: string;
  locale: string;
  nowMs: number;
}
export function formatSlackDate(epochSeconds: number, template: string, reader: Reader): string;
export function parseDateToken(
  inner: string,
):
  | { epochSeconds: number; template: string; link: string | undefined; fallback: string | undefined }
  | undefined;
