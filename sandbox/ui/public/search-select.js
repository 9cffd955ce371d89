// The type-to-search select Slack shows for people and conversations: a text field that narrows
// the list as you type (on any word of the name, ignoring case and accents), picks with a click
// or Enter, and for multi-selects keeps the picks as removable chips.
import htm from 'htm';
import { h } from 'preact';
import { useState } from 'preact/hooks';

const html = htm.bind(h);

const fold = (text) =>
  String(text ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();

/** Choices (`{value, label, detail?}`) whose label or detail has a word starting with the query. */
export function matchChoices(choices, query) {
  const wanted = fold(query).trim();
  if (wanted === '') return choices;
  return choices.filter((choice) => {
    const words = `${fold(choice.label)} ${fold(choice.detail)}`.split(/[\s@._#-]+/);
    return words.some((word) => word.startsWith(wanted)) || fold(choice.label).startsWith(wanted);
  });
}

/**
 * `value`: a value (single) or a list (multiple); `onChange` gets the same shape back.
 * `max`: max_selected_items.
 */
export function SearchSelect({ actionId, choices, value, multiple, onChange, placeholder, max, disabled }) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const picked = multiple ? (Array.isArray(value) ? value : []) : value ? [value] : [];
  const labelOf = (v) => choices.find((c) => c.value === v)?.label ?? v;
  const full = multiple && typeof max === 'number' && picked.length >= max;
  const shown = matchChoices(
    choices.filter((c) => !picked.includes(c.value)),
    query,
  ).slice(0, 50);
  const choose = (choiceValue) => {
    setQuery('');
    setOpen(false);
    onChange(multiple ? [...picked, choiceValue] : choiceValue);
  };
  const remove = (removed) => onChange(multiple ? picked.filter((v) => v !== removed) : '');
  return html`<div class="bk-search-select" data-action-id=${actionId}>
    <div class="bk-search-field">
      ${picked.map(
        (v) => html`<span class="bk-chip" key=${v} data-value=${v}
          >${labelOf(v)}
          <button type="button" aria-label=${`Remove ${labelOf(v)}`} onClick=${() => remove(v)}>×</button></span
        >`,
      )}
      <input
        type="search"
        role="combobox"
        aria-expanded=${open}
        aria-label=${placeholder}
        placeholder=${picked.length > 0 && !multiple ? '' : full ? `At most ${max}` : placeholder}
        value=${query}
        disabled=${disabled || full}
        onFocus=${() => setOpen(true)}
        onBlur=${() => setTimeout(() => setOpen(false), 150)}
        onInput=${(event) => {
          setQuery(event.currentTarget.value);
          setOpen(true);
        }}
        onKeyDown=${(event) => {
          if (event.key === 'Enter' && shown[0]) {
            event.preventDefault();
            choose(shown[0].value);
          }
          if (event.key === 'Escape') setOpen(false);
        }}
      />
    </div>
    ${
      open && !full
        ? html`<ul class="bk-options" role="listbox">
          ${shown.length === 0 ? html`<li class="bk-no-match">No matches</li>` : null}
          ${shown.map(
            (c) => html`<li
              key=${c.value}
              role="option"
              data-value=${c.value}
              onMouseDown=${(event) => {
                event.preventDefault();
                choose(c.value);
              }}
            >
              <span>${c.label}</span>${c.detail ? html`<small>${c.detail}</small>` : null}
            </li>`,
          )}
        </ul>`
        : null
    }
  </div>`;
}
