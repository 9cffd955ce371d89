// Block Kit rendered as a person sees it in Slack. Elements in an input block of a modal keep
// their value in the modal's form (sent with Submit, as Slack does); every other interactive
// element acts at once through `onAction(element, block, value)`.
import htm from 'htm';
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { plain, textObject } from './mrkdwn.js';
import { SearchSelect } from './search-select.js';
import { epochFromZoned, zonedFromEpoch } from './zoned-time.js';

const html = htm.bind(h);

function options(element) {
  const list = [...(element.options ?? [])];
  for (const group of element.option_groups ?? []) list.push(...(group.options ?? []));
  return list;
}

/** The value an element starts with, in the form the control API's submit accepts. */
export function initialValue(element) {
  switch (element.type) {
    case 'static_select':
    case 'radio_buttons':
    case 'external_select':
      return element.initial_option?.value ?? '';
    case 'checkboxes':
    case 'multi_static_select':
      return (element.initial_options ?? []).map((o) => o.value);
    case 'users_select':
      return element.initial_user ?? '';
    case 'multi_users_select':
      return element.initial_users ?? [];
    case 'conversations_select':
      return element.initial_conversation ?? '';
    case 'multi_conversations_select':
      return element.initial_conversations ?? [];
    case 'channels_select':
      return element.initial_channel ?? '';
    case 'multi_channels_select':
      return element.initial_channels ?? [];
    case 'datepicker':
      return element.initial_date ?? '';
    case 'timepicker':
      return element.initial_time ?? '';
    case 'datetimepicker':
      return element.initial_date_time ?? '';
    default:
      return element.initial_value ?? '';
  }
}

/** A `state.values` entry (as Slack reports it) in the form the control API's submit accepts. */
export function formValueFromState(entry) {
  if (!entry) return undefined;
  if ('selected_option' in entry) return entry.selected_option?.value ?? '';
  if ('selected_options' in entry) return (entry.selected_options ?? []).map((o) => o.value);
  for (const key of ['selected_users', 'selected_conversations', 'selected_channels']) {
    if (key in entry) return entry[key] ?? [];
  }
  for (const key of [
    'selected_user',
    'selected_conversation',
    'selected_channel',
    'selected_date',
    'selected_time',
  ]) {
    if (key in entry) return entry[key] ?? '';
  }
  if ('selected_date_time' in entry) return entry.selected_date_time ?? '';
  return entry.value ?? '';
}

/**
 * The form of a view's input blocks, `{block_id: {action_id: value}}`: what the view's state holds
 * (Slack fills in defaults such as default_to_current_conversation), else the initial values.
 */
export function initialForm(blocks, state) {
  const form = {};
  for (const block of blocks ?? []) {
    if (block.type !== 'input' || !block.element) continue;
    const actionId = block.element.action_id;
    const fromState = formValueFromState(state?.values?.[block.block_id]?.[actionId]);
    form[block.block_id] = { [actionId]: fromState ?? initialValue(block.element) };
  }
  return form;
}

function Select({ element, value, onChange, choices, multiple, ctx }) {
  const placeholder = plain(element.placeholder, ctx) || 'Select an option';
  return html`<select
    class="bk-select"
    multiple=${multiple}
    data-action-id=${element.action_id}
    onChange=${(event) =>
      onChange(
        multiple ? [...event.currentTarget.selectedOptions].map((o) => o.value) : event.currentTarget.value,
      )}
  >
    ${multiple ? null : html`<option value="" disabled selected=${!value}>${placeholder}</option>`}
    ${choices.map(
      (choice) =>
        html`<option
          value=${choice.value}
          selected=${multiple ? (value ?? []).includes(choice.value) : value === choice.value}
        >
          ${choice.label}
        </option>`,
    )}
  </select>`;
}

function Overflow({ element, onPick, ctx }) {
  return html`<details class="bk-overflow" data-action-id=${element.action_id}>
    <summary title="More actions" aria-label="More actions">⋯</summary>
    <div class="bk-menu">
      ${options(element).map(
        (option) =>
          html`<button
            type="button"
            onClick=${(event) => {
              event.currentTarget.closest('details').open = false;
              onPick(option.value, option.url);
            }}
          >
            ${plain(option.text, ctx)}
          </button>`,
      )}
    </div>
  </details>`;
}

/** The conversations a conversations select offers, narrowed by its `filter` as Slack does. */
function conversationChoices(element, ctx) {
  const include = element.filter?.include;
  return ctx.channels.filter((c) => {
    if (element.type.startsWith('channels') || element.type.startsWith('multi_channels'))
      return c.kind !== 'im';
    if (element.filter?.exclude_bot_users && c.bot) return false;
    return !include || include.includes(c.kind);
  });
}

/**
 * One interactive element. `value`/`setValue` are the form's when inside a modal input block;
 * otherwise a change acts at once.
 */
export function Element({ element, block, ctx, onAction, value: formValue, setValue, busy }) {
  const inForm = setValue !== undefined;
  // Outside a modal's form (messages, Home), an element shows its initial value, then the pick.
  const [picked, setPicked] = useState(() => initialValue(element));
  const value = inForm ? formValue : picked;
  const change = (next) => {
    if (inForm) setValue(next);
    else setPicked(next);
    if (!inForm || block.dispatch_action) onAction(element, block, next);
  };
  const label = plain(element.text, ctx);
  switch (element.type) {
    case 'button': {
      const classes = `bk-button ${element.style ?? ''}`;
      if (element.url) {
        // A link button opens the page and Slack still tells the app it was clicked.
        return html`<a
          class=${`${classes} link`}
          href=${element.url}
          target="_blank"
          rel="noopener"
          data-action-id=${element.action_id}
          onClick=${() => onAction(element, block, undefined)}
          >${label} ↗</a
        >`;
      }
      return html`<button
        type="button"
        class=${classes}
        disabled=${busy}
        data-action-id=${element.action_id}
        onClick=${() => onAction(element, block, undefined)}
      >
        ${label}
      </button>`;
    }
    case 'overflow':
      return html`<${Overflow}
        element=${element}
        ctx=${ctx}
        onPick=${(picked, url) => {
          if (url) window.open(url, '_blank', 'noopener');
          onAction(element, block, picked);
        }}
      />`;
    case 'static_select':
    case 'multi_static_select':
    case 'external_select':
      return html`<${Select}
        element=${element}
        ctx=${ctx}
        value=${value}
        multiple=${element.type.startsWith('multi_')}
        choices=${options(element).map((o) => ({ value: o.value, label: plain(o.text, ctx) }))}
        onChange=${change}
      />`;
    case 'users_select':
    case 'multi_users_select':
    case 'conversations_select':
    case 'channels_select':
    case 'multi_conversations_select':
    case 'multi_channels_select': {
      const people = element.type.includes('users');
      const choices = people ? ctx.users : conversationChoices(element, ctx);
      return html`<${SearchSelect}
        actionId=${element.action_id}
        choices=${choices}
        value=${value}
        multiple=${element.type.startsWith('multi_')}
        max=${element.max_selected_items}
        disabled=${busy}
        placeholder=${plain(element.placeholder, ctx) || (people ? 'Search for a person' : 'Search for a conversation')}
        onChange=${change}
      />`;
    }
    case 'radio_buttons':
      return html`<div class="bk-choices" role="radiogroup" data-action-id=${element.action_id}>
        ${options(element).map(
          (option) =>
            html`<label class="bk-choice">
              <input
                type="radio"
                name=${`${block.block_id}.${element.action_id}`}
                value=${option.value}
                checked=${value === option.value}
                onChange=${() => change(option.value)}
              />
              <span>
                ${textObject(option.text, ctx)}
                ${option.description ? html`<small>${textObject(option.description, ctx)}</small>` : null}
              </span>
            </label>`,
        )}
      </div>`;
    case 'checkboxes':
      return html`<div class="bk-choices" data-action-id=${element.action_id}>
        ${options(element).map((option) => {
          const selected = Array.isArray(value) ? value : [];
          return html`<label class="bk-choice">
            <input
              type="checkbox"
              value=${option.value}
              checked=${selected.includes(option.value)}
              onChange=${(event) =>
                change(
                  event.currentTarget.checked
                    ? [...selected, option.value]
                    : selected.filter((v) => v !== option.value),
                )}
            />
            <span>
              ${textObject(option.text, ctx)}
              ${option.description ? html`<small>${textObject(option.description, ctx)}</small>` : null}
            </span>
          </label>`;
        })}
      </div>`;
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input': {
      const type = { email_text_input: 'email', url_text_input: 'url', number_input: 'number' }[element.type];
      const props = {
        class: 'bk-input',
        'data-action-id': element.action_id,
        placeholder: plain(element.placeholder, ctx),
        value: value ?? '',
        maxLength: element.max_length,
        onInput: (event) => (inForm ? setValue(event.currentTarget.value) : undefined),
        onChange: (event) =>
          !inForm || block.dispatch_action ? change(event.currentTarget.value) : undefined,
      };
      return element.multiline
        ? h('textarea', { ...props, rows: 3 })
        : h('input', { ...props, type: type ?? 'text' });
    }
    case 'datepicker':
    case 'timepicker':
      return html`<span class="bk-picker">
        <input
          class="bk-input"
          type=${element.type === 'datepicker' ? 'date' : 'time'}
          value=${value ?? ''}
          data-action-id=${element.action_id}
          onChange=${(event) => change(event.currentTarget.value)}
        />
        ${element.timezone ? html`<small class="bk-zone">${element.timezone}</small>` : null}
      </span>`;
    case 'datetimepicker': {
      // Shown on the wall clock of the person's Slack time zone; Slack gets UNIX seconds.
      const zone = ctx.reader?.timeZone ?? 'UTC';
      const shown = typeof value === 'number' ? zonedFromEpoch(value, zone) : '';
      return html`<span class="bk-picker">
        <input
          class="bk-input"
          type="datetime-local"
          value=${shown}
          data-action-id=${element.action_id}
          onChange=${(event) => change(epochFromZoned(event.currentTarget.value, zone) ?? '')}
        />
        <small class="bk-zone">${zone}</small>
      </span>`;
    }
    case 'image':
      return html`<span class="bk-image" title=${element.alt_text ?? ''}>🖼</span>`;
    default:
      return html`<span class="bk-unsupported">[${element.type}]</span>`;
  }
}

/**
 * Renders `blocks`. `form` (modals only): `{values, set(blockId, actionId, value)}`;
 * `errors`: inline validation messages by block_id.
 */
export function Blocks({ blocks, ctx, onAction, form, errors, busy }) {
  return html`<div class="bk-blocks">
    ${(blocks ?? []).map((block, index) => {
      const key = block.block_id ?? index;
      const element = (el) =>
        html`<${Element} element=${el} block=${block} ctx=${ctx} onAction=${onAction} busy=${busy} />`;
      switch (block.type) {
        case 'header':
          return html`<h3 class="bk-header" key=${key}>${textObject(block.text, ctx)}</h3>`;
        case 'divider':
          return html`<hr class="bk-divider" key=${key} />`;
        case 'context':
          return html`<div class="bk-context" key=${key}>
            ${(block.elements ?? []).map((el) =>
              el.type === 'image'
                ? html`<span class="bk-image" title=${el.alt_text ?? ''}>🖼</span>`
                : html`<span>${textObject(el, ctx)}</span>`,
            )}
          </div>`;
        case 'section':
          return html`<div class="bk-section" key=${key} data-block-id=${block.block_id}>
            <div class="bk-section-main">
              ${block.text ? html`<div class="bk-text">${textObject(block.text, ctx)}</div>` : null}
              ${
                block.fields
                  ? html`<div class="bk-fields">
                    ${block.fields.map((field) => html`<div class="bk-field">${textObject(field, ctx)}</div>`)}
                  </div>`
                  : null
              }
            </div>
            ${block.accessory ? html`<div class="bk-accessory">${element(block.accessory)}</div>` : null}
          </div>`;
        case 'actions':
          return html`<div class="bk-actions" key=${key} data-block-id=${block.block_id}>
            ${(block.elements ?? []).map(element)}
          </div>`;
        case 'input': {
          const el = block.element ?? {};
          const value = form?.values?.[block.block_id]?.[el.action_id];
          const error = errors?.[block.block_id];
          return html`<div class=${`bk-input-block ${error ? 'has-error' : ''}`} key=${key} data-block-id=${block.block_id}>
            <label class="bk-label">
              ${plain(block.label, ctx)} ${block.optional ? html`<span class="bk-optional">(optional)</span>` : null}
            </label>
            <${Element}
              element=${el}
              block=${block}
              ctx=${ctx}
              onAction=${onAction}
              busy=${busy}
              value=${value}
              setValue=${form ? (next) => form.set(block.block_id, el.action_id, next) : undefined}
            />
            ${block.hint ? html`<div class="bk-hint">${textObject(block.hint, ctx)}</div>` : null}
            ${error ? html`<div class="bk-error" role="alert">${error}</div>` : null}
          </div>`;
        }
        case 'image':
          return html`<div class="bk-image-block" key=${key}>🖼 ${block.alt_text ?? ''}</div>`;
        default:
          return html`<div class="bk-unsupported" key=${key}>[${block.type} block]</div>`;
      }
    })}
  </div>`;
}
