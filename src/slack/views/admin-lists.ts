/** Admin lists: connected users (paginated, filterable) and pending approval links. Shared with Home. */

import type { MessageKey, Translator } from '../../i18n/index.js';
import type {
  ActionsBlockElement,
  InputBlock,
  KnownBlock,
  MessageView,
  ModalView,
  PlainTextOption,
} from '../blockkit/types.js';
import {
  actions,
  button,
  confirmDialog,
  context,
  escapeMrkdwn,
  LIMITS,
  mention,
  option,
  packLines,
  plain,
  section,
  slackDate,
  truncate,
} from './blocks.js';
import { ACTION, BLOCK, CALLBACK, REQUEST_BLOCK_PREFIX } from './ids.js';
import {
  type ConnectedUserRow,
  type ConnectedUsersModel,
  type RequestsModel,
  USER_FILTERS,
  type UserFilter,
} from './models.js';
import { encodeUsersListState, encodeUsersPage } from './values.js';

const FILTER_LABEL: Record<UserFilter, MessageKey> = {
  all: 'filter.all',
  personal: 'filter.personal',
  org: 'filter.org',
  none: 'filter.none',
  needs_reconnect: 'filter.needs_reconnect',
  zoom_not_found: 'filter.zoom_not_found',
  opted_out: 'filter.opted_out',
};

/** The longest search the modal takes (the service refuses more). */
export const USERS_SEARCH_MAX_LENGTH = 100;
const MODAL_MAX_ROW_SECTIONS = 8;
/** Rows per page in the modal (it holds 100 blocks; 20 rows pack into a few sections). */
export const USERS_MODAL_PAGE_SIZE = 20;

export function userRowLine(row: ConnectedUserRow, t: Translator): string {
  const state =
    row.source === 'personal'
      ? row.zoomEmail
        ? t('row.personal', { email: escapeMrkdwn(row.zoomEmail) })
        : t('admin.row.personal_plain')
      : row.source === 'org'
        ? t('row.org')
        : t('row.none');
  const flags: string[] = [];
  if (row.personal === 'needs_reconnect') flags.push(`:warning: ${t('row.needs_reconnect')}`);
  if (row.zoomMatch === 'not_found') {
    flags.push(
      `:warning: ${t('row.zoom_not_found', { email: escapeMrkdwn(row.slackEmail ?? t('common.unknown')) })}`,
    );
  }
  if (row.optedOut) flags.push(t('row.opted_out'));
  if (row.isAdmin) flags.push(`*${t('row.admin')}*`);
  return `• ${mention(row.userId)} — ${state}${flags.length > 0 ? ` · ${flags.join(' · ')}` : ''}`;
}

export type UsersSurface = 'home' | 'message' | 'modal';

/**
 * Title, counts per offered filter, the filter select (with a Search button outside the modal),
 * the current page of rows (packed into at most `maxRowSections` sections) and previous/next.
 */
export function connectedUsersBlocks(
  model: ConnectedUsersModel,
  t: Translator,
  maxRowSections: number,
  /** Messages keep their text within LIMITS.messageListText; Home has no such cap. */
  maxChars = Number.POSITIVE_INFINITY,
  surface: UsersSurface = 'home',
): KnownBlock[] {
  const filters = model.filters.length > 0 ? model.filters : USER_FILTERS;
  const counts = filters.map((f) => `${t(FILTER_LABEL[f])}: *${t.formatNumber(model.counts[f] ?? 0)}*`);
  const options: PlainTextOption[] = filters.map((f) => option(t(FILTER_LABEL[f]), f));
  const selected = options[filters.indexOf(model.filter)] ?? options[0];
  const title =
    model.search === null
      ? `*${t('users.title')}*`
      : `*${t('admin.users.title_search', { search: escapeMrkdwn(model.search) })}*`;
  const controls: ActionsBlockElement[] = [
    {
      type: 'static_select',
      action_id: ACTION.usersFilter,
      placeholder: { type: 'plain_text', text: t('users.filter_placeholder') },
      options,
      ...(selected ? { initial_option: selected } : {}),
    },
  ];
  if (surface !== 'modal') {
    controls.push(
      button({ text: t('admin.users.search_button'), actionId: ACTION.usersOpenList, value: model.filter }),
    );
  }
  const blocks: KnownBlock[] = [
    section(title),
    context(counts.join(' · ')),
    actions(controls, BLOCK.usersFilter),
  ];
  if (model.rows.length === 0) {
    blocks.push(section(model.search === null ? t('users.empty') : t('admin.users.empty_search')));
  } else {
    blocks.push(
      ...packLines(
        model.rows.map((row) => userRowLine(row, t)),
        maxRowSections,
        t,
        0,
        maxChars,
      ),
    );
  }
  const pageSize = Math.max(1, model.pageSize);
  const pages = Math.max(1, Math.ceil(model.total / pageSize));
  const page = Math.min(Math.max(0, model.page), pages - 1);
  blocks.push(context(t.plural('admin.users.page', model.total, { page: page + 1, pages })));
  const nav = [];
  if (page > 0) {
    nav.push(
      button({
        text: t('users.prev'),
        actionId: ACTION.usersPrev,
        value: encodeUsersPage({ filter: model.filter, page: page - 1 }),
      }),
    );
  }
  if (page + 1 < pages) {
    nav.push(
      button({
        text: t('users.next'),
        actionId: ACTION.usersNext,
        value: encodeUsersPage({ filter: model.filter, page: page + 1 }),
      }),
    );
  }
  if (nav.length > 0) blocks.push(actions(nav, BLOCK.usersPager));
  return blocks;
}

/** `/zoom-status users` (admins, ephemeral): within a message's 50 blocks whatever the sizes. */
export function connectedUsersMessage(model: ConnectedUsersModel, t: Translator): MessageView {
  return {
    text: t('users.title'),
    blocks: connectedUsersBlocks(model, t, 20, LIMITS.messageListText, 'message'),
  };
}

/**
 * The list in a modal, with a search by name or email: submitting ("Search") applies the text;
 * the filter and the pager keep it (it travels in private_metadata).
 */
export function connectedUsersModal(model: ConnectedUsersModel, t: Translator): ModalView {
  const input: InputBlock = {
    type: 'input',
    block_id: BLOCK.usersSearch,
    optional: true, // an empty search lists everybody again
    label: plain(t('admin.users.search_label'), LIMITS.inputLabel),
    element: {
      type: 'plain_text_input',
      action_id: ACTION.usersSearch,
      max_length: USERS_SEARCH_MAX_LENGTH,
      placeholder: plain(t('admin.users.search_placeholder'), LIMITS.placeholder),
      ...(model.search ? { initial_value: truncate(model.search, USERS_SEARCH_MAX_LENGTH) } : {}),
    },
  };
  return {
    type: 'modal',
    callback_id: CALLBACK.usersList,
    title: plain(t('admin.users.modal_title'), LIMITS.modalTitle),
    submit: plain(t('admin.users.search_submit'), LIMITS.modalTitle),
    close: plain(t('common.close'), LIMITS.modalTitle),
    private_metadata: encodeUsersListState({ filter: model.filter, search: model.search }),
    blocks: [
      input,
      ...connectedUsersBlocks(model, t, MODAL_MAX_ROW_SECTIONS, Number.POSITIVE_INFINITY, 'modal'),
    ],
  };
}

/** Pending approval links, each with Resend and Cancel; at most `maxItems` shown, then "and N more". */
export function requestsBlocks(model: RequestsModel, t: Translator, maxItems: number): KnownBlock[] {
  const blocks: KnownBlock[] = [section(`*${t('requests.title')}*`)];
  // One entry per id: block_ids derive from it and must be unique in the surface.
  const unique = [...new Map(model.requests.map((r) => [r.requestId, r])).values()];
  if (unique.length === 0) {
    blocks.push(section(t('requests.empty')));
    return blocks;
  }
  const shown = unique.slice(0, maxItems);
  for (const r of shown) {
    const parts = [
      `*${t(r.kind === 'org' ? 'requests.kind_org' : 'requests.kind_personal')}*`,
      t('requests.asked_by', { user: mention(r.requesterId) }),
      r.recipientId ? t('requests.sent_to', { user: mention(r.recipientId) }) : t('requests.not_sent'),
      t('requests.expires', { date: slackDate(r.expiresAt, t) }),
    ];
    blocks.push(
      section(parts.join(' · ')),
      actions(
        [
          button({ text: t('requests.resend'), actionId: ACTION.resendRequest, value: r.requestId }),
          button({
            text: t('requests.cancel'),
            actionId: ACTION.cancelRequest,
            value: r.requestId,
            style: 'danger',
            confirm: confirmDialog(
              t('requests.cancel_confirm_title'),
              t('requests.cancel_confirm_text'),
              t('requests.cancel_confirm_yes'),
              t('common.keep'),
            ),
          }),
        ],
        `${REQUEST_BLOCK_PREFIX}${r.requestId}`.slice(0, 255),
      ),
    );
  }
  const hidden = Math.max(model.total, unique.length) - shown.length;
  const notes = [t('requests.resend_hint')];
  if (hidden > 0) notes.unshift(`_${t('common.and_more', { count: hidden })}_`);
  blocks.push(context(...notes));
  return blocks;
}

/** `/zoom-status requests` (admins, ephemeral). */
export function requestsMessage(model: RequestsModel, t: Translator): MessageView {
  return { text: t('requests.title'), blocks: requestsBlocks(model, t, 20) };
}
