// Types of activity-labels.js for the tests that import it.
export interface LabelledItem {
  kind: string;
  user: string | null;
  channel?: string | null;
  summary: string;
}
export function activityLabel(
  item: LabelledItem,
  names: Record<string, string>,
  channels: Record<string, string>,
): string | undefined;
export function humanize(
  summary: string,
  names: Record<string, string>,
  channels: Record<string, string>,
): string;
