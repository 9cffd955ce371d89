/** Block Kit types from @slack/types, reached through @slack/bolt (the dependency we declare). */
import type { types } from '@slack/bolt';

export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type KnownBlock = types.KnownBlock;
export type Button = types.Button;
export type PlainTextElement = types.PlainTextElement;
export type MrkdwnElement = types.MrkdwnElement;
export type PlainTextOption = types.PlainTextOption;
export type Confirm = types.Confirm;
export type SectionBlock = types.SectionBlock;
export type ActionsBlock = types.ActionsBlock;
export type ContextBlock = types.ContextBlock;
export type InputBlock = types.InputBlock;
export type ActionsBlockElement = types.ActionsBlockElement;

/** A message (DM, ephemeral reply, in-channel post): fallback `text` for notifications plus blocks. */
export interface MessageView {
  text: string;
  blocks: KnownBlock[];
  /** Only set for command replies that must be visible to the channel (`/zoom-meet`). */
  response_type?: 'in_channel' | 'ephemeral';
}
