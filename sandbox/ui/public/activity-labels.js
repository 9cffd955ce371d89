// How the activity pane names what happened, as a person would say it: "post in #general",
// "DM to Bob Dupont", "reply only Alice sees in #general", with ids replaced by names.

const isDm = (channel) => typeof channel === 'string' && channel.startsWith('D');

/** Where something happened: "#general", or "the DM with Bob" (from the channels map). */
function place(item, channels) {
  if (!item.channel) return undefined;
  return channels[item.channel] ?? item.channel;
}

const KIND_LABEL = {
  command: (who) => `${who} ran a slash command`,
  action: (who) => `${who} clicked`,
  shortcut: (who) => `${who} used a shortcut`,
  view_submission: (who) => `${who} submitted a modal`,
  modal_closed: (who) => `modal closed for ${who}`,
  modal_opened: (who) => `modal opened for ${who}`,
  modal_pushed: (who) => `modal pushed for ${who}`,
  modal_updated: (who) => `modal updated for ${who}`,
  modal_errors: (who) => `errors shown to ${who} in a modal`,
  message: (who, item, where) => (isDm(item.channel) ? `DM to ${who}` : `post in ${where ?? 'a channel'}`),
  message_updated: (who, item, where) =>
    isDm(item.channel) ? `DM to ${who} updated` : `post in ${where ?? 'a channel'} updated`,
  message_deleted: (who, item, where) =>
    isDm(item.channel) ? `DM to ${who} deleted` : `post in ${where ?? 'a channel'} deleted`,
  ephemeral: (who, _item, where) => `reply only ${who} sees${where ? ` in ${where}` : ''}`,
  ack_message: (who, item, where) =>
    /^in_channel:/.test(item.summary)
      ? `command answer posted in ${where ?? 'the channel'}`
      : `command answer to ${who}`,
  response_url: (who) => `reply to ${who} changed`,
  dm_opened: (who) => `DM opened with ${who}`,
  home_published: (who) => `Home tab published for ${who}`,
  home_updated: (who) => `Home tab updated for ${who}`,
  event: () => 'event sent to the app',
  error: () => 'Slack refused',
  app_installed: (who) => `app installed by ${who}`,
};

/** The label of a Slack activity item, or undefined for kinds without one. */
export function activityLabel(item, names, channels) {
  const label = KIND_LABEL[item.kind];
  if (!label) return undefined;
  const who = item.user ? (names[item.user] ?? item.user) : 'someone';
  return label(who, item, place(item, channels));
}

/** Ids in a summary replaced by what a person would recognise. */
export function humanize(summary, names, channels) {
  return summary
    .replace(/\bDM (D[A-Z0-9_]+) with [UW][A-Z0-9_]+/g, '$1')
    .replace(/^(in_channel|ephemeral): /, '')
    .replace(/<@([UW][A-Z0-9_]+)(\|[^>]*)?>/g, (_, id) => `@${names[id] ?? id}`)
    .replace(/\b([DC][A-Z0-9_]{4,})\b/g, (id) => channels[id] ?? id)
    .replace(/\b([UW][A-Z0-9_]{3,})\b/g, (id) => names[id] ?? id);
}
