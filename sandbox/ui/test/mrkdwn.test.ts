// The sandbox UI's mrkdwn renderer (public/mrkdwn.js), as Slack's client shows mrkdwn.
import { describe, expect, it } from 'vitest';
import { buildEmojiTable } from '../emoji-table.js';
import type { MrkdwnContext } from '../public/mrkdwn.js';
import { mrkdwn, plain, textObject } from '../public/mrkdwn.js';
import { toHtml } from './render-html.js';

const EMOJI = { large_orange_circle: '🟠', white_check_mark: '✅', spiral_calendar_pad: '🗓️' } as Record<
  string,
  string
>;
const ctx: MrkdwnContext = {
  userName: (id) => (id === 'U_BOB' ? 'Bob Dupont' : id),
  channelName: (id) => (id === 'C_GENERAL' ? 'general' : id),
  emoji: (name) => EMOJI[name],
};
const html = (text: string, context: MrkdwnContext = ctx) => toHtml(mrkdwn(text, context));

describe('quotes', () => {
  it('draws > lines as one quote, with or without a space, as the product writes them', () => {
    expect(html('Note from Sam:\n>please approve\n>today\nThanks')).toBe(
      '<span>Note from Sam:</span><br/><blockquote><span>please approve</span><br/><span>today</span></blockquote><span>Thanks</span>',
    );
    expect(html('&gt; escaped quote')).toBe('<blockquote><span>escaped quote</span></blockquote>');
  });

  it('quotes everything after >>>', () => {
    expect(html('>>>one\ntwo')).toBe('<blockquote><span>one</span><br/><span>two</span></blockquote>');
  });
});

describe('bold, italic and strike', () => {
  it('apply at word boundaries only: snake_case and 2*3*4 stay as typed', () => {
    expect(html('*bold* _italic_ ~gone~')).toBe('<span><b>bold</b> <i>italic</i> <s>gone</s></span>');
    expect(html('zoom_user_not_found and 2*3*4')).toBe('<span>zoom_user_not_found and 2*3*4</span>');
    expect(html('a_b_ and _c_d')).toBe('<span>a_b_ and _c_d</span>');
  });

  it('need text right inside the marks', () => {
    expect(html('* not bold * and _ not italic _')).toBe('<span>* not bold * and _ not italic _</span>');
  });

  it('nest, and work next to punctuation', () => {
    expect(html('(*bold _and italic_*)!')).toBe('<span>(<b>bold <i>and italic</i></b>)!</span>');
  });
});

describe('emoji', () => {
  it('shows shortcodes as emoji from the table, even with underscores inside', () => {
    expect(html(':large_orange_circle: Needs reconnecting :white_check_mark:')).toBe(
      '<span>🟠 Needs reconnecting ✅</span>',
    );
  });

  it('leaves unknown shortcodes as text and drops skin tones', () => {
    expect(html(':not_an_emoji: :white_check_mark::skin-tone-3:')).toBe('<span>:not_an_emoji: ✅</span>');
  });

  it('emojifies plain_text objects unless emoji is false', () => {
    expect(textObject({ type: 'plain_text', text: ':spiral_calendar_pad: Plan' }, ctx)).toBe('🗓️ Plan');
    expect(textObject({ type: 'plain_text', text: ':spiral_calendar_pad:', emoji: false }, ctx)).toBe(
      ':spiral_calendar_pad:',
    );
    expect(plain({ type: 'plain_text', text: ':white_check_mark: Done' }, ctx)).toBe('✅ Done');
  });

  it("uses Slack's shortcodes from emoji-datasource", () => {
    const table = buildEmojiTable([
      { unified: '1F7E0', short_names: ['large_orange_circle'] },
      { unified: '1F5D3-FE0F', short_names: ['spiral_calendar_pad', 'spiral_calendar'] },
    ]);
    expect(table).toEqual({ large_orange_circle: '🟠', spiral_calendar_pad: '🗓️', spiral_calendar: '🗓️' });
  });
});

describe('links, mentions and code', () => {
  it('names people and channels, and keeps only http(s) and mailto links', () => {
    expect(html('<@U_BOB> in <#C_GENERAL> <https://x.test/a|docs> <javascript:alert(1)|bad>')).toBe(
      '<span><span class="mention">@Bob Dupont</span> in <span class="mention">#general</span> <a href="https://x.test/a" target="_blank" rel="noopener">docs</a> <a target="_blank" rel="noopener">bad</a></span>',
    );
  });

  it('keeps code blocks and inline code literal', () => {
    expect(html('`*not bold*` and ```\nhttps://zoom.test/j/1?pwd=_x_\n```')).toBe(
      '<span><code>*not bold*</code> and </span><pre>https://zoom.test/j/1?pwd=_x_\n</pre>',
    );
  });

  it('renders app text inertly: entities decode to text, never to markup', () => {
    expect(html('&lt;script&gt;x&lt;/script&gt; <img src=x onerror=alert(1)>')).toBe(
      '<span>&lt;script>x&lt;/script> <a target="_blank" rel="noopener">img src=x onerror=alert(1)</a></span>',
    );
  });
});

describe('date tokens', () => {
  const token = '<!date^1741608000^{date_short_pretty} at {time}|Mar 10, 2025 at 12:00 UTC>';

  it('show the fallback when the reader is unknown', () => {
    expect(html(token)).toContain('>Mar 10, 2025 at 12:00 UTC</time>');
  });

  it("show the time in the reader's own zone and language", () => {
    const nowMs = Date.UTC(2025, 5, 1);
    const bob = { ...ctx, reader: { timeZone: 'Europe/Paris', locale: 'fr-FR', nowMs } };
    const sam = { ...ctx, reader: { timeZone: 'America/Los_Angeles', locale: 'en-US', nowMs } };
    expect(html(token, bob)).toContain('>10 mars 2025 at 13:00</time>');
    expect(html(token, sam)).toContain('>Mar 10, 2025 at 5:00 AM</time>');
  });
});
