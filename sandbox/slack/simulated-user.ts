/** A readable handle on one person in the simulated workspace: what they see and what they do. */
import type { ActionQuery, Actors, ActResult, EventResult, ShortcutOptions, SubmitValues } from './actors.js';
import type { DeliveryOptions } from './delivery.js';
import { messageObject, viewObject } from './serialize.js';
import type { Ephemeral, JsonObject, Workspace } from './workspace.js';

export interface SeenMessage {
  ts: string;
  channel: string;
  text: string;
  blocks: JsonObject[] | undefined;
  /** All visible text (text, block texts, button labels) joined, for simple `toContain` checks. */
  allText: string;
  /** Every URL a person could open: link buttons, `<url|label>` and bare links in text. */
  links: string[];
  /** When the app last changed it with chat.update (Slack shows "(edited)"), else undefined. */
  edited?: string;
}

export interface SeenModal {
  id: string;
  callbackId: string;
  title: string;
  view: JsonObject;
  /** Inline errors from the app's last `response_action: "errors"`, keyed by block_id. */
  errors: Record<string, string> | undefined;
  allText: string;
  links: string[];
}

export interface SimulatedUser {
  readonly teamId: string;
  readonly id: string;
  command(
    command: string,
    text?: string,
    options?: DeliveryOptions & { channel?: string },
  ): Promise<ActResult>;
  click(query: ActionQuery): Promise<ActResult>;
  select(query: ActionQuery): Promise<ActResult>;
  submit(values?: SubmitValues, viewId?: string): Promise<ActResult>;
  closeModal(viewId?: string): Promise<ActResult>;
  openHome(): Promise<EventResult>;
  /** Uses a global shortcut; `channel`: the conversation they are looking at. */
  shortcut(callbackId: string, options?: ShortcutOptions): Promise<ActResult>;
  /** Uses a message shortcut on a message they can see. */
  messageShortcut(callbackId: string, target: { channel: string; ts: string }): Promise<ActResult>;
  /** The modal stack, bottom first. */
  modals(): SeenModal[];
  /** The top modal, or undefined. */
  lastModal(): SeenModal | undefined;
  /** Messages in the bot's DM with this user, oldest first. */
  dms(): SeenMessage[];
  ephemerals(): SeenMessage[];
  home(): SeenModal | undefined;
  channelMessages(channel: string): SeenMessage[];
  /** Resolves once `predicate()` is truthy (polling), rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
}

/** Every human-readable string in a block tree: what a person would read on screen. */
export function visibleText(value: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'text' && typeof child === 'string') parts.push(child);
        else if (typeof child === 'object') walk(child);
      }
    }
  };
  walk(value);
  return parts.join('\n');
}

/** URLs in a block tree or text: button/overflow `url`s, mrkdwn `<url|label>` and bare http(s) links. */
export function linksIn(...values: unknown[]): string[] {
  const found = new Set<string>();
  const fromText = (text: string) => {
    for (const match of text.matchAll(/<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>/g))
      if (match[1]) found.add(match[1]);
    const withoutAngles = text.replace(/<[^>]*>/g, ' ');
    for (const match of withoutAngles.matchAll(/https?:\/\/[^\s<>|]+/g)) found.add(match[0]);
  };
  const walk = (node: unknown) => {
    if (typeof node === 'string') fromText(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'url' && typeof child === 'string') found.add(child);
        else if (key === 'text' || typeof child === 'object') walk(child);
      }
    }
  };
  values.forEach(walk);
  return [...found];
}

export async function waitFor<T>(
  predicate: () => T | undefined | null | false,
  timeoutMs = 2_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function createSimulatedUser(
  workspace: Workspace,
  actors: Actors,
  teamId: string,
  userId: string,
): SimulatedUser {
  const seenMessage = (m: {
    ts: string;
    channel: string;
    text: string;
    blocks: JsonObject[] | undefined;
    edited?: { ts: string } | undefined;
  }): SeenMessage => ({
    ts: m.ts,
    channel: m.channel,
    text: m.text,
    blocks: m.blocks,
    allText: [m.text, visibleText(m.blocks ?? [])].filter(Boolean).join('\n'),
    links: linksIn(m.text, m.blocks ?? []),
    ...(m.edited ? { edited: m.edited.ts } : {}),
  });
  const seenView = (
    view: Parameters<typeof viewObject>[0],
    errors: Record<string, string> | undefined,
  ): SeenModal => {
    const object = viewObject(view);
    const title = view.title && typeof view.title.text === 'string' ? view.title.text : '';
    return {
      id: view.id,
      callbackId: view.callback_id,
      title,
      view: object,
      errors,
      allText: [title, visibleText(view.blocks)].filter(Boolean).join('\n'),
      links: linksIn(view.blocks),
    };
  };

  return {
    teamId,
    id: userId,
    command: (command, text, options) => actors.command(teamId, userId, command, text, options),
    click: (query) => actors.action(teamId, userId, query),
    select: (query) => actors.action(teamId, userId, query),
    submit: (values, viewId) => actors.submit(teamId, userId, values, viewId),
    closeModal: (viewId) => actors.closeModal(teamId, userId, viewId),
    openHome: () => actors.openHome(teamId, userId),
    shortcut: (callbackId, options) => actors.shortcut(teamId, userId, callbackId, options),
    messageShortcut: (callbackId, target) => actors.messageShortcut(teamId, userId, callbackId, target),
    modals: () => workspace.modalStack(teamId, userId).map((r) => seenView(r.view, r.errors)),
    lastModal() {
      const top = workspace.modalStack(teamId, userId).at(-1);
      return top ? seenView(top.view, top.errors) : undefined;
    },
    dms() {
      const dm = workspace.dmChannelId(teamId, userId);
      return dm ? workspace.messages(teamId, dm).map(seenMessage) : [];
    },
    ephemerals: () => workspace.ephemerals(teamId, userId).map((e: Ephemeral) => seenMessage(e)),
    home() {
      const view = workspace.home(teamId, userId);
      return view ? seenView(view, undefined) : undefined;
    },
    channelMessages: (channel) =>
      workspace.messages(teamId, channel).map((m) => ({ ...seenMessage(m), message: messageObject(m) })),
    waitFor: (predicate, timeoutMs) => waitFor(predicate, timeoutMs),
  };
}
