import { describe, expect, it } from 'vitest';
import { checkBlockKitLimits } from '../../../src/slack/blockkit/limits.js';

const txt = (text: string, type: 'plain_text' | 'mrkdwn' = 'plain_text') => ({ type, text });
const sectionOf = (text: string) => ({ type: 'section', text: txt(text, 'mrkdwn') });
const rules = (surface: 'message' | 'modal' | 'home', payload: unknown) =>
  checkBlockKitLimits(surface, payload).map((v) => v.rule);

describe('checkBlockKitLimits', () => {
  it('accepts a small valid message, modal and home', () => {
    expect(checkBlockKitLimits('message', { text: 'hi', blocks: [sectionOf('hello')] })).toEqual([]);
    expect(checkBlockKitLimits('home', { type: 'home', blocks: [sectionOf('hello')] })).toEqual([]);
    expect(
      checkBlockKitLimits('modal', {
        type: 'modal',
        title: txt('Title'),
        submit: txt('OK'),
        blocks: [{ type: 'input', label: txt('L'), element: { type: 'plain_text_input', action_id: 'a' } }],
      }),
    ).toEqual([]);
  });

  it('counts blocks per surface: 50 for messages, 100 for modals and Home', () => {
    const blocks = (n: number) => Array.from({ length: n }, () => ({ type: 'divider' }));
    expect(rules('message', { blocks: blocks(51) })).toContain('block_count');
    expect(rules('message', { blocks: blocks(50) })).not.toContain('block_count');
    expect(rules('home', { type: 'home', blocks: blocks(101) })).toContain('block_count');
    expect(rules('home', { type: 'home', blocks: blocks(100) })).not.toContain('block_count');
    expect(rules('modal', { type: 'modal', title: txt('T'), blocks: blocks(101) })).toContain('block_count');
  });

  it('limits section text to 3000 and header text to 150', () => {
    expect(rules('message', { blocks: [sectionOf('x'.repeat(3001))] })).toContain('section_text');
    expect(rules('message', { blocks: [sectionOf('x'.repeat(3000))] })).toEqual([]);
    expect(rules('message', { blocks: [{ type: 'header', text: txt('h'.repeat(151)) }] })).toContain(
      'header_text',
    );
    expect(rules('message', { blocks: [{ type: 'header', text: txt('h', 'mrkdwn') }] })).toContain(
      'plain_text_required',
    );
  });

  it('limits modal title, submit and close to 24 characters and private_metadata to 3000', () => {
    const r = rules('modal', {
      type: 'modal',
      title: txt('t'.repeat(25)),
      submit: txt('s'.repeat(25)),
      close: txt('c'.repeat(25)),
      private_metadata: 'p'.repeat(3001),
      blocks: [],
    });
    expect(r).toEqual(
      expect.arrayContaining(['modal_title', 'modal_submit', 'modal_close', 'private_metadata']),
    );
  });

  it('requires submit when a modal has input blocks', () => {
    const r = rules('modal', {
      type: 'modal',
      title: txt('T'),
      blocks: [{ type: 'input', label: txt('L'), element: { type: 'plain_text_input', action_id: 'a' } }],
    });
    expect(r).toContain('input_requires_submit');
  });

  it('limits button and option text to 75 and select options to 100', () => {
    const button = { type: 'button', text: txt('b'.repeat(76)), action_id: 'b' };
    expect(rules('message', { blocks: [{ type: 'actions', elements: [button] }] })).toContain('button_text');
    const options = (n: number, len = 5) =>
      Array.from({ length: n }, (_, i) => ({ text: txt(`${'o'.repeat(len)}${i}`), value: `v${i}` }));
    const select = (opts: unknown) => ({
      blocks: [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: opts }] }],
    });
    expect(rules('message', select(options(101)))).toContain('select_options');
    expect(rules('message', select(options(100)))).toEqual([]);
    expect(rules('message', select(options(1, 80)))).toContain('option_text');
  });

  it('requires unique block_ids and unique action_ids within a block', () => {
    const r = rules('message', {
      blocks: [
        { ...sectionOf('a'), block_id: 'same' },
        {
          type: 'actions',
          block_id: 'same',
          elements: [
            { type: 'button', text: txt('x'), action_id: 'dup' },
            { type: 'button', text: txt('y'), action_id: 'dup' },
          ],
        },
      ],
    });
    expect(r).toEqual(expect.arrayContaining(['block_id_unique', 'action_id_unique']));
  });

  it('rejects empty texts, unknown initial options and empty initial_options', () => {
    expect(rules('message', { blocks: [sectionOf('')] })).toContain('text_empty');
    const radio = (extra: object) => ({
      type: 'modal',
      title: txt('T'),
      submit: txt('OK'),
      blocks: [
        {
          type: 'input',
          label: txt('L'),
          element: {
            type: 'radio_buttons',
            action_id: 'r',
            options: [{ text: txt('A'), value: 'a' }],
            ...extra,
          },
        },
      ],
    });
    expect(rules('modal', radio({ initial_option: { text: txt('B'), value: 'b' } }))).toContain(
      'initial_option_unknown',
    );
    expect(rules('modal', radio({ initial_options: [] }))).toContain('initial_options_empty');
    expect(rules('modal', radio({ initial_option: { text: txt('A'), value: 'a' } }))).toEqual([]);
  });

  it('rejects payloads over 250 kB', () => {
    const blocks = Array.from({ length: 100 }, () => sectionOf('x'.repeat(2900)));
    expect(rules('home', { type: 'home', blocks })).toContain('total_size');
  });

  it('reports where a violation is', () => {
    const [v] = checkBlockKitLimits('message', {
      blocks: [{ type: 'divider' }, sectionOf('x'.repeat(3001))],
    });
    expect(v?.path).toBe('blocks[1].text.text');
  });

  it('rejects non-objects, missing blocks and unknown block types without throwing', () => {
    expect(rules('message', 42)).toEqual(['payload']);
    expect(rules('home', { type: 'home' })).toEqual(['blocks_missing']);
    expect(rules('message', { blocks: [{ type: 'mystery' }, null] })).toEqual(['block_type', 'block_object']);
    expect(rules('home', { type: 'modal', blocks: [] })).toContain('view_type');
  });
});
