/** Preact nodes (as the UI modules return them) → static HTML. */
export function toHtml(nodes: unknown): string;
