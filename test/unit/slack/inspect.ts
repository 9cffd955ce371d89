/** Helpers to look inside Block Kit payloads in tests. */

function walk(value: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, visit);
  } else if (typeof value === 'object' && value !== null) {
    const node = value as Record<string, unknown>;
    visit(node);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

/** Every text string (text objects, fallback text), in order. */
export function textsOf(payload: unknown): string[] {
  const out: string[] = [];
  walk(payload, (node) => {
    if (typeof node.text === 'string') out.push(node.text);
  });
  return out;
}

export function allText(payload: unknown): string {
  return textsOf(payload).join('\n');
}

export function actionIdsOf(payload: unknown): string[] {
  const out: string[] = [];
  walk(payload, (node) => {
    if (typeof node.action_id === 'string') out.push(node.action_id);
  });
  return out;
}

export function blockIdsOf(payload: unknown): string[] {
  const out: string[] = [];
  walk(payload, (node) => {
    if (typeof node.block_id === 'string') out.push(node.block_id);
  });
  return out;
}

export function buttonsOf(
  payload: unknown,
): Array<{ action_id: string; text: string; value?: string; url?: string }> {
  const out: Array<{ action_id: string; text: string; value?: string; url?: string }> = [];
  walk(payload, (node) => {
    if (node.type === 'button' && typeof node.action_id === 'string') {
      const text = (node.text as { text?: string } | undefined)?.text ?? '';
      out.push({
        action_id: node.action_id,
        text,
        ...(typeof node.value === 'string' ? { value: node.value } : {}),
        ...(typeof node.url === 'string' ? { url: node.url } : {}),
      });
    }
  });
  return out;
}
