/**
 * Reading `view.state.values` (modal submissions and block actions). It crossed Slack, so every
 * shape is narrowed here; a value of the wrong shape reads as absent.
 */

export type FormValues = Record<string, Record<string, unknown>>;

function element(values: FormValues, blockId: string, actionId: string): Record<string, unknown> | null {
  const value = values[blockId]?.[actionId];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

export function selectedOption(values: FormValues, blockId: string, actionId: string): string | null {
  const option = element(values, blockId, actionId)?.selected_option as
    | { value?: unknown }
    | null
    | undefined;
  return typeof option?.value === 'string' ? option.value : null;
}

export function selectedOptions(values: FormValues, blockId: string, actionId: string): string[] {
  const options = element(values, blockId, actionId)?.selected_options;
  if (!Array.isArray(options)) return [];
  return options.flatMap((o) =>
    typeof (o as { value?: unknown }).value === 'string' ? [(o as { value: string }).value] : [],
  );
}

export function selectedUser(values: FormValues, blockId: string, actionId: string): string | null {
  const user = element(values, blockId, actionId)?.selected_user;
  return typeof user === 'string' && /^[UW][A-Z0-9_]+$/.test(user) ? user : null;
}

export function selectedConversation(values: FormValues, blockId: string, actionId: string): string | null {
  const el = element(values, blockId, actionId);
  const id = el?.selected_conversation ?? el?.selected_channel;
  return typeof id === 'string' && /^[CDG][A-Z0-9_]+$/.test(id) ? id : null;
}

export function textValue(values: FormValues, blockId: string, actionId: string): string {
  const value = element(values, blockId, actionId)?.value;
  return typeof value === 'string' ? value.trim() : '';
}

export function selectedUsers(values: FormValues, blockId: string, actionId: string): string[] {
  const users = element(values, blockId, actionId)?.selected_users;
  if (!Array.isArray(users)) return [];
  return users.filter((u): u is string => typeof u === 'string' && /^[UW][A-Z0-9_]+$/.test(u));
}

/** A datepicker's `selected_date` (`YYYY-MM-DD`) or a timepicker's `selected_time` (`HH:mm`); '' when absent. */
export function pickedValue(
  values: FormValues,
  blockId: string,
  actionId: string,
  field: 'selected_date' | 'selected_time',
): string {
  const value = element(values, blockId, actionId)?.[field];
  return typeof value === 'string' ? value : '';
}
