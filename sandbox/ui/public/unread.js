// Unread direct messages, as Slack's sidebar counts them: messages newer than the last one the
// person saw with that conversation open. Kept per person of the sandbox.

/** How many of `messages` (with Slack `ts` strings) came after `lastReadTs`. */
export function unreadCount(messages, lastReadTs) {
  if (!Array.isArray(messages)) return 0;
  return messages.filter((m) => lastReadTs === undefined || compareTs(m.ts, lastReadTs) > 0).length;
}

/** The ts of the newest message, which becomes the last read one when the DM is shown. */
export function newestTs(messages) {
  let newest;
  for (const m of messages ?? []) if (newest === undefined || compareTs(m.ts, newest) > 0) newest = m.ts;
  return newest;
}

/** Slack ts values ("1700000000.000123") compare as numbers of seconds and microseconds. */
export function compareTs(a, b) {
  const [as, au = '0'] = String(a).split('.');
  const [bs, bu = '0'] = String(b).split('.');
  return Number(as) - Number(bs) || Number(au.padEnd(6, '0')) - Number(bu.padEnd(6, '0'));
}
