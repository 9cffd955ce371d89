/**
 * Slack's documented Block Kit limits (DESIGN §2.5 and the Block Kit reference pages), and which
 * element types each place accepts. The one table of them in the project: the product's builders
 * keep their own truncation limits, and its view tests validate through this module.
 */

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  optionGroupLabel: 75,
  staticSelectOptions: 100,
  optionGroups: 100,
  overflowOptions: 5,
  overflowMinOptions: 2,
  radioOptions: 10,
  checkboxOptions: 10,
  actionsElements: 25,
  contextElements: 10,
  contextText: 3000,
  actionId: 255,
  blockId: 255,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputLength: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  imageAltText: 2000,
  imageUrl: 3000,
  /** views.open/push/update/publish answer `view_too_large` above 250 kB. */
  viewBytes: 250_000,
  /** chat.* text; longer text is refused with `msg_too_long`. */
  messageText: 40_000,
  /**
   * All text in a message's blocks. Undocumented: Slack answers `msg_blocks_too_long` somewhere
   * around 13,200 characters (slackapi/bolt-js#2509); 13,000 keeps us on the safe side.
   */
  messageBlocksText: 13_000,
} as const;

export const BLOCK_TYPES = new Set([
  'section',
  'header',
  'actions',
  'context',
  'divider',
  'input',
  'image',
  'rich_text',
  'video',
  'file',
  'markdown',
]);

const SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
];
const MULTI_SELECTS = SELECTS.map((s) => `multi_${s}`);
const PICKERS = ['datepicker', 'timepicker'];

/** "Compatible block elements" of each place, from the blocks' reference pages. */
export const ELEMENTS_ALLOWED_IN = {
  actions: new Set([
    'button',
    'checkboxes',
    ...PICKERS,
    'datetimepicker',
    ...SELECTS,
    ...MULTI_SELECTS,
    'overflow',
    'radio_buttons',
    'rich_text_input',
    'workflow_button',
  ]),
  accessory: new Set([
    'button',
    'checkboxes',
    ...PICKERS,
    'image',
    ...SELECTS,
    ...MULTI_SELECTS,
    'overflow',
    'radio_buttons',
    'workflow_button',
  ]),
  input: new Set([
    'checkboxes',
    ...PICKERS,
    'datetimepicker',
    'email_text_input',
    'file_input',
    ...SELECTS,
    ...MULTI_SELECTS,
    'number_input',
    'plain_text_input',
    'radio_buttons',
    'rich_text_input',
    'url_text_input',
  ]),
} as const;

export type ElementPlace = keyof typeof ELEMENTS_ALLOWED_IN;

export const KNOWN_ELEMENT_TYPES = new Set([
  ...ELEMENTS_ALLOWED_IN.actions,
  ...ELEMENTS_ALLOWED_IN.accessory,
  ...ELEMENTS_ALLOWED_IN.input,
]);

/** `filter.include` of conversations selects. */
export const CONVERSATION_KINDS = new Set(['im', 'mpim', 'private', 'public']);
