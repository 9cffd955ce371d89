// Types of blockkit.js's pure helpers for the tests that import them (components stay untyped).
export function initialValue(element: Record<string, unknown>): unknown;
export function formValueFromState(entry: Record<string, unknown> | undefined): unknown;
export function initialForm(
  blocks: Record<string, unknown>[] | undefined,
  state?: { values: Record<string, Record<string, Record<string, unknown>>> },
): Record<string, Record<string, unknown>>;
export function Blocks(props: Record<string, unknown>): unknown;
export function Element(props: Record<string, unknown>): unknown;
