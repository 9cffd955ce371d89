// Slack's mrkdwn as a person sees it: *bold*, _italic_, ~strike~, `code`, ```blocks```, > quotes,
// <url|links>, <@U…> mentions, <#C…> channels and a few emoji. Built as preact nodes, never as
// HTML strings, so nothing the app sends can inject markup into the page.
import { h } from 'preact';

const EMOJI = {
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  warning: '⚠️',
  information_source: 'ℹ️',
  calendar: '📅',
  spiral_calendar_pad: '🗓️',
  link: '🔗',
  lock: '🔒',
  key: '🔑',
  bust_in_silhouette: '👤',
  busts_in_silhouette: '👥',
  office: '🏢',
  hourglass_flowing_sand: '⏳',
  hourglass: '⌛',
  bell: '🔔',
  red_circle: '🔴',
  large_green_circle: '🟢',
  large_yellow_circle: '🟡',
  white_circle: '⚪',
  no_entry: '⛔',
  video_camera: '📹',
  movie_camera: '🎥',
  wave: '👋',
  tada: '🎉',
  gear: '⚙️',
  electric_plug: '🔌',
  arrows_counterclockwise: '🔄',
  mag: '🔍',
  memo: '📝',
  star: '⭐',
  zap: '⚡',
  email: '📧',
  envelope: '✉️',
  bulb: '💡',
  clock3: '🕒',
  stopwatch: '⏱️',
  heavy_plus_sign: '➕',
  heavy_minus_sign: '➖',
  small_blue_diamond: '🔹',
  small_orange_diamond: '🔸',
};

export function decodeEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function emojify(text) {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] ?? whole);
}

// Emoji shortcodes come first so the underscores in :white_check_mark: are not read as italics.
const INLINE = /(<[^>\n]+>)|(`[^`\n]+`)|(:[a-z0-9_+-]+:)|(\*[^*\n]+\*)|(_[^_\n]+_)|(~[^~\n]+~)/g;

function link(token, ctx, key) {
  const inner = token.slice(1, -1);
  const [target, label] = inner.split('|', 2);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return h('span', { class: 'mention', key }, `@${label ?? ctx.userName(id)}`);
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return h('span', { class: 'mention', key }, `#${label ?? ctx.channelName(id)}`);
  }
  if (target.startsWith('!')) {
    const special = target.slice(1).split('^')[0];
    if (special.startsWith('date')) return h('span', { key }, decodeEntities(label ?? special));
    return h('span', { class: 'mention', key }, `@${special}`);
  }
  const href = decodeEntities(target);
  const safe = /^(https?:|mailto:)/i.test(href) ? href : undefined;
  return h(
    'a',
    { key, href: safe, target: '_blank', rel: 'noopener' },
    inlineNodes(decodeEntities(label ?? target), ctx),
  );
}

function inlineNodes(text, ctx) {
  const nodes = [];
  let last = 0;
  let key = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) nodes.push(emojify(decodeEntities(text.slice(last, match.index))));
    const token = match[0];
    key += 1;
    if (match[1]) nodes.push(link(token, ctx, key));
    else if (match[2]) nodes.push(h('code', { key }, decodeEntities(token.slice(1, -1))));
    else if (match[3]) nodes.push(emojify(token));
    else if (match[4]) nodes.push(h('b', { key }, inlineNodes(token.slice(1, -1), ctx)));
    else if (match[5]) nodes.push(h('i', { key }, inlineNodes(token.slice(1, -1), ctx)));
    else nodes.push(h('s', { key }, inlineNodes(token.slice(1, -1), ctx)));
    last = match.index + token.length;
  }
  if (last < text.length) nodes.push(emojify(decodeEntities(text.slice(last))));
  return nodes;
}

/** mrkdwn text → preact nodes; `ctx` names users and channels for mentions. */
export function mrkdwn(text, ctx) {
  const out = [];
  const parts = String(text ?? '').split('```');
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      out.push(h('pre', { key: `pre${index}` }, decodeEntities(part.replace(/^\n/, ''))));
      return;
    }
    const lines = part.split('\n');
    lines.forEach((line, lineIndex) => {
      const key = `${index}.${lineIndex}`;
      if (line.startsWith('&gt; ') || line.startsWith('> ')) {
        out.push(h('blockquote', { key }, inlineNodes(line.replace(/^(&gt;|>) /, ''), ctx)));
        return;
      }
      out.push(h('span', { key }, inlineNodes(line, ctx)));
      if (lineIndex < lines.length - 1) out.push(h('br', { key: `${key}br` }));
    });
  });
  return out;
}

/** A Block Kit text object (plain_text or mrkdwn). */
export function textObject(text, ctx) {
  if (!text) return null;
  if (typeof text === 'string') return mrkdwn(text, ctx);
  if (text.type === 'mrkdwn') return mrkdwn(text.text, ctx);
  return text.emoji === false ? text.text : emojify(text.text ?? '');
}

/** The plain characters of a text object (for labels and option names). */
export function plain(text) {
  if (!text) return '';
  if (typeof text === 'string') return text;
  return text.type === 'mrkdwn' ? decodeEntities(text.text ?? '') : emojify(text.text ?? '');
}
