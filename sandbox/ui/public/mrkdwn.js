// Slack's mrkdwn as a person sees it: *bold*, _italic_, ~strike~ (only at word boundaries, so
// snake_case_names stay as they are), `code`, ```blocks```, > quotes (with or without a space,
// and >>> for the rest of the message), <url|links>, <@U…> mentions, <#C…> channels, <!date^…>
// in the reader's own time zone, and :emoji: shortcodes. Built as preact nodes, never as HTML
// strings, so nothing the app sends can inject markup into the page.
//
// `ctx`: { userName(id), channelName(id), emoji?(shortcode) → character, reader?: { timeZone,
// locale, nowMs } }. Without `emoji`, shortcodes stay text; without `reader`, dates show their
// fallback text.
import { h } from 'preact';
import { formatSlackDate, parseDateToken } from './slack-date.js';

export function decodeEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** `:shortcode:` → the emoji, where the lookup knows it (skin tones like `:skin-tone-2:` drop). */
export function emojify(text, ctx) {
  const lookup = ctx?.emoji;
  if (!lookup) return text;
  return text.replace(/:([a-z0-9_+'-]+):/g, (whole, name) => {
    if (/^skin-tone-\d$/.test(name)) return '';
    return lookup(name) ?? whole;
  });
}

// Word characters for Slack's boundaries: letters and digits of any script.
const W = '\\p{L}\\p{N}';
const styled = (mark) => {
  // In unicode mode only syntax characters may be escaped: `*` must be, `_` and `~` must not.
  const m = mark === '*' ? '\\*' : mark;
  return `(?<![${W}${m}])${m}[^\\s${m}](?:[^${m}\\n]*?[^\\s${m}])?${m}(?![${W}${m}])`;
};
// Emoji shortcodes come before _italic_ so the underscores in :white_check_mark: stay emoji.
const INLINE = new RegExp(
  `(<[^>\\n]+>)|(\`[^\`\\n]+\`)|(:[a-z0-9_+'-]+:)|(${styled('*')})|(${styled('_')})|(${styled('~')})`,
  'gu',
);

function dateNode(inner, ctx, key) {
  const token = parseDateToken(inner);
  if (!token) return h('span', { key }, decodeEntities(inner));
  const text = ctx.reader
    ? formatSlackDate(token.epochSeconds, token.template, ctx.reader)
    : decodeEntities(token.fallback ?? token.template);
  const title = token.fallback ? decodeEntities(token.fallback) : undefined;
  return h(
    'time',
    { key, class: 'slack-date', datetime: new Date(token.epochSeconds * 1000).toISOString(), title },
    text,
  );
}

function link(token, ctx, key) {
  const inner = token.slice(1, -1);
  if (inner.startsWith('!date^')) return dateNode(inner.slice(1), ctx, key);
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) {
    return h('span', { class: 'mention', key }, `@${label ?? ctx.userName(target.slice(1))}`);
  }
  if (target.startsWith('#')) {
    return h('span', { class: 'mention', key }, `#${label ?? ctx.channelName(target.slice(1))}`);
  }
  if (target.startsWith('!')) {
    const special = target.slice(1).split('^')[0];
    return h('span', { class: 'mention', key }, `@${label ?? special}`);
  }
  const href = decodeEntities(target);
  const safe = /^(https?:|mailto:)/i.test(href) ? href : undefined;
  return h(
    'a',
    { key, href: safe, target: '_blank', rel: 'noopener' },
    inlineNodes(decodeEntities(label ?? target), ctx),
  );
}

export function inlineNodes(text, ctx) {
  const nodes = [];
  let last = 0;
  let key = 0;
  const plainText = (segment) => emojify(decodeEntities(segment), ctx);
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) nodes.push(plainText(text.slice(last, match.index)));
    const token = match[0];
    key += 1;
    if (match[1]) nodes.push(link(token, ctx, key));
    else if (match[2]) nodes.push(h('code', { key }, decodeEntities(token.slice(1, -1))));
    else if (match[3]) nodes.push(plainText(token));
    else if (match[4]) nodes.push(h('b', { key }, inlineNodes(token.slice(1, -1), ctx)));
    else if (match[5]) nodes.push(h('i', { key }, inlineNodes(token.slice(1, -1), ctx)));
    else nodes.push(h('s', { key }, inlineNodes(token.slice(1, -1), ctx)));
    last = match.index + token.length;
  }
  if (last < text.length) nodes.push(plainText(text.slice(last)));
  return nodes;
}

const QUOTE = /^(?:&gt;|>)/;
const QUOTE_REST = /^(?:&gt;|>){3}/;

/** Lines as paragraphs, with runs of quoted lines (and everything after `>>>`) as one quote. */
function lineNodes(part, ctx, keyBase) {
  const out = [];
  if (part === '') return out;
  const lines = part.split('\n');
  let quote = [];
  let rest = false;
  const flushQuote = (key) => {
    if (quote.length === 0) return;
    const children = [];
    quote.forEach((line, i) => {
      if (i > 0) children.push(h('br', { key: `q${i}` }));
      children.push(h('span', { key: `l${i}` }, inlineNodes(line, ctx)));
    });
    out.push(h('blockquote', { key }, children));
    quote = [];
  };
  lines.forEach((line, index) => {
    const key = `${keyBase}.${index}`;
    if (rest) {
      quote.push(line);
      return;
    }
    if (QUOTE_REST.test(line)) {
      rest = true;
      quote.push(line.replace(QUOTE_REST, '').replace(/^ /, ''));
      return;
    }
    if (QUOTE.test(line)) {
      quote.push(line.replace(QUOTE, '').replace(/^ /, ''));
      return;
    }
    flushQuote(`${key}q`);
    out.push(h('span', { key }, inlineNodes(line, ctx)));
    if (index < lines.length - 1) out.push(h('br', { key: `${key}br` }));
  });
  flushQuote(`${keyBase}.end`);
  return out;
}

/** mrkdwn text → preact nodes. */
export function mrkdwn(text, ctx) {
  const out = [];
  String(text ?? '')
    .split('```')
    .forEach((part, index) => {
      if (index % 2 === 1)
        out.push(h('pre', { key: `pre${index}` }, decodeEntities(part.replace(/^\n/, ''))));
      else out.push(...lineNodes(part, ctx, index));
    });
  return out;
}

/** A Block Kit text object (plain_text or mrkdwn). */
export function textObject(text, ctx) {
  if (!text) return null;
  if (typeof text === 'string') return mrkdwn(text, ctx);
  if (text.type === 'mrkdwn') return mrkdwn(text.text, ctx);
  return text.emoji === false ? text.text : emojify(text.text ?? '', ctx);
}

/** The plain characters of a text object (for labels and option names). */
export function plain(text, ctx) {
  if (!text) return '';
  if (typeof text === 'string') return text;
  return text.type === 'mrkdwn' ? decodeEntities(text.text ?? '') : emojify(text.text ?? '', ctx);
}
