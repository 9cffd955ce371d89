// Types of mrkdwn.js for the tests that import it (the UI itself is plain ES modules). Nodes stay
// `unknown`: preact's own types pull in the DOM library, which clashes with Node's fetch types.

export interface MrkdwnContext {
  userName(id: string): string;
  channelName(id: string): string;
  emoji?: (shortcode: string) => string | undefined;
  reader?: { timeZone: string; locale: string; nowMs: number };
}
type Nodes = unknown[];
export function decodeEntities(text: string): string;
export function emojify(text: string, ctx?: Partial<MrkdwnContext>): string;
export function inlineNodes(text: string, ctx: MrkdwnContext): Nodes;
export function mrkdwn(text: string | undefined, ctx: MrkdwnContext): Nodes;
export function textObject(text: unknown, ctx: MrkdwnContext): Nodes | string | null;
export function plain(text: unknown, ctx?: Partial<MrkdwnContext>): string;
