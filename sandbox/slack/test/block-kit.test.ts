// The one Block Kit validator (block-kit/): each documented limit and rule, in Slack's wording.
// The Web API's use of it (invalid_blocks / invalid_arguments) is in validation.test.ts.
import { describe, expect, it } from 'vitest';
import { validateBlockKit, validateMessageBlocks, validateView } from '../block-kit/index.js';

const txt = (text: string, type: 'plain_text' | 'mrkdwn' = 'plain_text') => ({ type, text });
const sectionOf = (text: string) => ({ type: 'section', text: txt(text, 'mrkdwn') });
const modalWith = (...blocks: unknown[]) => ({ type: 'modal', title: txt('T'), submit: txt('OK'), blocks });
const inputWith = (element: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'input',
  block_id: 'b',
  label: txt('L'),
  element: { action_id: 'a', ...element },
  ...extra,
});
/** The problems for one element in a modal's input block, pointers relative to the element. */
const inputProblems = (element: Record<string, unknown>) =>
  validateView(modalWith(inputWith(element)), 'modal').map((m) =>
    m.replace('[json-pointer:/view/blocks/0/element', '[json-pointer:'),
  );

describe('surfaces', () => {
  it('accepts a small valid message, modal and Home', () => {
    expect(validateBlockKit('message', { text: 'hi', blocks: [sectionOf('hello')] })).toEqual([]);
    expect(validateBlockKit('message', [sectionOf('hello')])).toEqual([]);
    expect(validateBlockKit('home', { type: 'home', blocks: [sectionOf('hello')] })).toEqual([]);
    expect(validateBlockKit('modal', modalWith(inputWith({ type: 'plain_text_input' })))).toEqual([]);
  });

  it('counts blocks per surface: 50 for messages, 100 for modals and Home', () => {
    const dividers = (n: number) => Array.from({ length: n }, () => ({ type: 'divider' }));
    expect(validateBlockKit('message', { text: 't', blocks: dividers(50) })).toEqual([]);
    expect(validateBlockKit('message', { text: 't', blocks: dividers(51) })).toEqual([
      '[ERROR] no more than 50 items allowed [json-pointer:/blocks]',
    ]);
    expect(validateBlockKit('home', { type: 'home', blocks: dividers(100) })).toEqual([]);
    expect(validateBlockKit('home', { type: 'home', blocks: dividers(101) })).toEqual([
      '[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]',
    ]);
  });

  it('refuses a message without text or blocks, text that is not a string, and oversize text', () => {
    expect(validateBlockKit('message', { text: '' })).toEqual([
      '[ERROR] no_text: text or blocks is required [json-pointer:/text]',
    ]);
    expect(validateBlockKit('message', { text: 5, blocks: [sectionOf('x')] })).toEqual([
      '[ERROR] must be a string [json-pointer:/text]',
    ]);
    expect(validateBlockKit('message', { text: 'x'.repeat(40_001) })[0]).toContain('msg_too_long');
    const long = Array.from({ length: 5 }, () => sectionOf('z'.repeat(2900)));
    expect(validateBlockKit('message', { text: 't', blocks: long })[0]).toContain('msg_blocks_too_long');
  });

  it('refuses views over 250 kB and views of the wrong type', () => {
    const blocks = Array.from({ length: 100 }, () => sectionOf('x'.repeat(2900)));
    expect(validateBlockKit('home', { type: 'home', blocks }).at(-1)).toContain('view_too_large');
    expect(validateBlockKit('home', { type: 'modal', blocks: [] })).toEqual([
      '[ERROR] must be one of [home] [json-pointer:/view/type]',
    ]);
  });

  it('never throws on nonsense and names what is wrong', () => {
    expect(validateBlockKit('message', 42)).toEqual(['[ERROR] must be an object [json-pointer:/]']);
    expect(validateBlockKit('home', { type: 'home' })).toEqual([
      '[ERROR] missing required field: blocks [json-pointer:/view/blocks]',
    ]);
    expect(validateMessageBlocks([{ type: 'mystery' }, null])).toEqual([
      '[ERROR] unsupported type: mystery [json-pointer:/blocks/0/type]',
      '[ERROR] must be an object [json-pointer:/blocks/1]',
    ]);
  });
});

describe('text and modal limits', () => {
  it('limits section text to 3000 and header text to 150 (plain_text only)', () => {
    expect(validateMessageBlocks([sectionOf('x'.repeat(3000))])).toEqual([]);
    expect(validateMessageBlocks([sectionOf('x'.repeat(3001))])).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ]);
    expect(validateMessageBlocks([{ type: 'header', text: txt('h'.repeat(151)) }])).toEqual([
      '[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]',
    ]);
    expect(validateMessageBlocks([{ type: 'header', text: txt('h', 'mrkdwn') }])).toEqual([
      '[ERROR] must be one of [plain_text] [json-pointer:/blocks/0/text/type]',
    ]);
  });

  it('counts characters, not UTF-16 units: 75 emoji fit a button', () => {
    const button = (label: string) => [
      { type: 'actions', elements: [{ type: 'button', action_id: 'b', text: txt(label) }] },
    ];
    expect(validateMessageBlocks(button('🎉'.repeat(75)))).toEqual([]);
    expect(validateMessageBlocks(button('🎉'.repeat(76)))).toEqual([
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
    ]);
  });

  it('limits modal title, submit and close to 24 and private_metadata to 3000', () => {
    expect(
      validateView(
        {
          type: 'modal',
          title: txt('t'.repeat(25)),
          submit: txt('s'.repeat(25)),
          close: txt('c'.repeat(25)),
          private_metadata: 'p'.repeat(3001),
          blocks: [],
        },
        'modal',
      ),
    ).toEqual([
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
      '[ERROR] must be less than 25 characters [json-pointer:/view/submit/text]',
      '[ERROR] must be less than 25 characters [json-pointer:/view/close/text]',
      '[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]',
    ]);
  });

  it('rejects empty texts and requires a modal title', () => {
    expect(validateMessageBlocks([sectionOf('')])).toEqual([
      '[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]',
    ]);
    expect(validateView({ type: 'modal', blocks: [] }, 'modal')).toEqual([
      '[ERROR] missing required field: title [json-pointer:/view/title]',
    ]);
  });
});

describe('ids', () => {
  it('wants block_ids unique per surface and action_ids unique per block', () => {
    const problems = validateMessageBlocks([
      { ...sectionOf('a'), block_id: 'same' },
      {
        type: 'actions',
        block_id: 'same',
        elements: [
          { type: 'button', text: txt('x'), action_id: 'dup' },
          { type: 'button', text: txt('y'), action_id: 'dup' },
        ],
      },
      { type: 'actions', elements: [{ type: 'button', text: txt('z'), action_id: 'dup' }] },
    ]);
    expect(problems).toEqual([
      '[ERROR] duplicate block_id: same [json-pointer:/blocks/1/block_id]',
      '[ERROR] duplicate action_id: dup [json-pointer:/blocks/1/elements/1/action_id]',
    ]);
  });

  it('allows only one focus_on_load per view', () => {
    const problems = validateView(
      modalWith(inputWith({ type: 'plain_text_input', focus_on_load: true }), {
        ...inputWith({ type: 'plain_text_input', focus_on_load: true }),
        block_id: 'c',
      }),
      'modal',
    );
    expect(problems).toEqual([
      '[ERROR] only one element per view may set focus_on_load [json-pointer:/view/blocks/1/element/focus_on_load]',
    ]);
  });
});

describe('elements in their places', () => {
  it('refuses an element a block does not hold', () => {
    expect(validateMessageBlocks([{ type: 'actions', elements: [{ type: 'plain_text_input' }] }])).toEqual([
      '[ERROR] unsupported type: plain_text_input is not allowed in an actions block [json-pointer:/blocks/0/elements/0/type]',
    ]);
    expect(inputProblems({ type: 'button', text: txt('Go') })).toEqual([
      '[ERROR] unsupported type: button is not allowed in an input block [json-pointer:/type]',
    ]);
    expect(
      validateMessageBlocks([{ ...sectionOf('x'), accessory: { type: 'datetimepicker', action_id: 'd' } }]),
    ).toEqual([
      '[ERROR] unsupported type: datetimepicker is not allowed in a section accessory [json-pointer:/blocks/0/accessory/type]',
    ]);
  });

  it('allows input blocks in messages (Slack does since 2021)', () => {
    expect(
      validateMessageBlocks([inputWith({ type: 'plain_text_input' }, { dispatch_action: true })]),
    ).toEqual([]);
  });
});

describe('options', () => {
  const options = (n: number, len = 5) =>
    Array.from({ length: n }, (_, i) => ({ text: txt(`${'o'.repeat(len)}${i}`), value: `v${i}` }));
  const select = (extra: Record<string, unknown>) =>
    validateMessageBlocks([
      { type: 'actions', elements: [{ type: 'static_select', action_id: 's', ...extra }] },
    ]);

  it('limits static selects to 100 options of ≤ 75 characters with unique values', () => {
    expect(select({ options: options(100) })).toEqual([]);
    expect(select({ options: options(101) })).toEqual([
      '[ERROR] no more than 100 items allowed [json-pointer:/blocks/0/elements/0/options]',
    ]);
    expect(select({ options: options(1, 80) })).toEqual([
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/text/text]',
    ]);
    expect(select({ options: [...options(1), ...options(1)] })).toEqual([
      '[ERROR] duplicate option value: v0 [json-pointer:/blocks/0/elements/0/options/1/value]',
    ]);
  });

  it('wants initial_option(s) to be one of the options, and initial_options non-empty', () => {
    const radio = (extra: Record<string, unknown>) =>
      inputProblems({ type: 'radio_buttons', options: [{ text: txt('A'), value: 'a' }], ...extra });
    expect(radio({ initial_option: { text: txt('A'), value: 'a' } })).toEqual([]);
    expect(radio({ initial_option: { text: txt('B'), value: 'b' } })).toEqual([
      '[ERROR] must match one of the provided options [json-pointer:/initial_option]',
    ]);
    const boxes = (extra: Record<string, unknown>) =>
      inputProblems({ type: 'checkboxes', options: [{ text: txt('A'), value: 'a' }], ...extra });
    expect(boxes({ initial_options: [] })).toEqual([
      '[ERROR] must provide at least 1 items [json-pointer:/initial_options]',
    ]);
    expect(
      select({ option_groups: [{ label: txt('G'), options: options(2) }], initial_option: options(2)[1] }),
    ).toEqual([]);
  });

  it('wants 2 to 5 overflow options', () => {
    const overflow = (n: number) =>
      validateMessageBlocks([
        { type: 'actions', elements: [{ type: 'overflow', action_id: 'o', options: options(n) }] },
      ]);
    expect(overflow(1)).toEqual([
      '[ERROR] must provide at least 2 items [json-pointer:/blocks/0/elements/0/options]',
    ]);
    expect(overflow(5)).toEqual([]);
    expect(overflow(6)).toEqual([
      '[ERROR] no more than 5 items allowed [json-pointer:/blocks/0/elements/0/options]',
    ]);
  });

  it('checks confirm dialogs: all four texts, plain title and buttons', () => {
    const withConfirm = (confirm: Record<string, unknown>) =>
      validateMessageBlocks([
        { type: 'actions', elements: [{ type: 'button', action_id: 'b', text: txt('Go'), confirm }] },
      ]);
    expect(
      withConfirm({ title: txt('Sure?'), text: txt('Really'), confirm: txt('Yes'), deny: txt('No') }),
    ).toEqual([]);
    expect(withConfirm({ text: txt('Really'), confirm: txt('Yes'), deny: txt('n'.repeat(31)) })).toEqual([
      '[ERROR] must be an object [json-pointer:/blocks/0/elements/0/confirm/title]',
      '[ERROR] must be less than 31 characters [json-pointer:/blocks/0/elements/0/confirm/deny/text]',
    ]);
  });
});

describe('pickers and selects of issue 14', () => {
  it('datepicker: initial_date is a real YYYY-MM-DD date', () => {
    expect(inputProblems({ type: 'datepicker', initial_date: '2025-02-28' })).toEqual([]);
    for (const bad of ['2025-02-30', '28/02/2025', 20250228]) {
      expect(inputProblems({ type: 'datepicker', initial_date: bad })).toEqual([
        '[ERROR] must be a date in the format YYYY-MM-DD [json-pointer:/initial_date]',
      ]);
    }
  });

  it('timepicker: initial_time is HH:mm (24 h) and timezone an IANA zone', () => {
    expect(inputProblems({ type: 'timepicker', initial_time: '09:30', timezone: 'Europe/Paris' })).toEqual(
      [],
    );
    expect(inputProblems({ type: 'timepicker', initial_time: '9:30' })).toEqual([
      '[ERROR] must be a time in the format HH:mm [json-pointer:/initial_time]',
    ]);
    expect(inputProblems({ type: 'timepicker', initial_time: '24:00' })).toHaveLength(1);
    expect(inputProblems({ type: 'timepicker', timezone: 'Mars/Olympus' })).toEqual([
      '[ERROR] must be a valid IANA time zone [json-pointer:/timezone]',
    ]);
  });

  it('datetimepicker: initial_date_time is UNIX seconds (10 digits), not milliseconds', () => {
    expect(inputProblems({ type: 'datetimepicker', initial_date_time: 1_628_633_820 })).toEqual([]);
    expect(inputProblems({ type: 'datetimepicker', initial_date_time: 1_628_633_820_000 })).toEqual([
      '[ERROR] must be a UNIX timestamp in seconds (10 digits) [json-pointer:/initial_date_time]',
    ]);
  });

  it('users selects: initial_user(s) and max_selected_items', () => {
    expect(inputProblems({ type: 'users_select', initial_user: 'U_BOB' })).toEqual([]);
    expect(
      inputProblems({ type: 'multi_users_select', initial_users: ['U_BOB'], max_selected_items: 5 }),
    ).toEqual([]);
    expect(
      inputProblems({ type: 'multi_users_select', initial_users: 'U_BOB', max_selected_items: 0 }),
    ).toEqual([
      '[ERROR] must be an array of strings [json-pointer:/initial_users]',
      '[ERROR] must be an integer greater than 0 [json-pointer:/max_selected_items]',
    ]);
  });

  it('conversations_select: filter, default_to_current_conversation, response_url_enabled in modal inputs only', () => {
    const element = {
      type: 'conversations_select',
      default_to_current_conversation: true,
      response_url_enabled: true,
      filter: { include: ['public', 'im'], exclude_bot_users: true },
    };
    expect(inputProblems(element)).toEqual([]);
    expect(inputProblems({ ...element, filter: {} })).toEqual([
      '[ERROR] must provide at least one of include, exclude_external_shared_channels, exclude_bot_users [json-pointer:/filter]',
    ]);
    expect(inputProblems({ ...element, filter: { include: ['channels'] } })).toEqual([
      '[ERROR] must be one of [im, mpim, private, public] [json-pointer:/filter/include/0]',
    ]);
    const inActions = validateMessageBlocks([
      { type: 'actions', elements: [{ ...element, action_id: 'c' }] },
    ]);
    expect(inActions).toEqual([
      '[ERROR] response_url_enabled is only supported in input blocks of modals [json-pointer:/blocks/0/elements/0/response_url_enabled]',
    ]);
  });

  it('plain_text_input: 1 ≤ max_length ≤ 3000, min_length ≤ max_length, initial_value within max_length', () => {
    expect(
      inputProblems({ type: 'plain_text_input', min_length: 2, max_length: 10, initial_value: 'abc' }),
    ).toEqual([]);
    expect(inputProblems({ type: 'plain_text_input', max_length: 3001 })).toEqual([
      '[ERROR] must be an integer between 1 and 3000 [json-pointer:/max_length]',
    ]);
    expect(
      inputProblems({ type: 'plain_text_input', min_length: 5, max_length: 3, initial_value: 'abcd' }),
    ).toEqual([
      '[ERROR] min_length must not be greater than max_length [json-pointer:/min_length]',
      '[ERROR] must be less than 4 characters [json-pointer:/initial_value]',
    ]);
  });

  it('number_input: is_decimal_allowed is required and values are numbers as strings', () => {
    expect(inputProblems({ type: 'number_input', is_decimal_allowed: false, initial_value: '30' })).toEqual(
      [],
    );
    expect(inputProblems({ type: 'number_input', initial_value: '1.5' })).toEqual([
      '[ERROR] missing required field: is_decimal_allowed [json-pointer:/is_decimal_allowed]',
      '[ERROR] must be a number given as a string [json-pointer:/initial_value]',
    ]);
  });
});
