/** The Connect modal (/zoom-connect), its result modal (the link), and the Forward modal. */

import type { Translator } from '../../i18n/index.js';
import type { InputBlock, KnownBlock, ModalView } from '../blockkit/types.js';
import {
  actions,
  button,
  context,
  escapeMrkdwn,
  LIMITS,
  mention,
  option,
  plain,
  section,
  slackDate,
} from './blocks.js';
import { ACTION, BLOCK, CALLBACK, CONNECT_SCOPE, ORG_PATH } from './ids.js';
import type { ConnectModalModel, ConnectResultModel, ForwardModalModel } from './models.js';

/** Longest note the Connect modal accepts (also enforced by Slack via max_length). */
export const NOTE_MAX_LENGTH = 500;

function modalTitle(text: string) {
  return plain(text, LIMITS.modalTitle);
}

function scopeInput(model: ConnectModalModel, t: Translator): InputBlock {
  const org = option(t('connect.scope.org'), CONNECT_SCOPE.org, t('connect.scope.org_desc'));
  const personal = option(
    t('connect.scope.personal'),
    CONNECT_SCOPE.personal,
    t('connect.scope.personal_desc'),
  );
  const selected = model.scope === 'org' ? org : model.scope === 'personal' ? personal : undefined;
  return {
    type: 'input',
    block_id: BLOCK.connectScope,
    dispatch_action: true,
    label: plain(t('connect.scope.label'), LIMITS.inputLabel),
    element: {
      type: 'radio_buttons',
      action_id: ACTION.connectScope,
      options: [org, personal],
      ...(selected ? { initial_option: selected } : {}),
    },
  };
}

function orgPathInput(model: ConnectModalModel, t: Translator): InputBlock {
  const self = option(t('connect.org_path.self'), ORG_PATH.self);
  const send = option(t('connect.org_path.send'), ORG_PATH.send);
  const selected = model.orgPath === 'self' ? self : model.orgPath === 'send' ? send : undefined;
  return {
    type: 'input',
    block_id: BLOCK.connectOrgPath,
    dispatch_action: true,
    label: plain(t('connect.org_path.label'), LIMITS.inputLabel),
    hint: plain(t('connect.org_path.hint'), LIMITS.inputLabel),
    element: {
      type: 'radio_buttons',
      action_id: ACTION.connectOrgPath,
      options: [self, send],
      ...(selected ? { initial_option: selected } : {}),
    },
  };
}

function recipientInputs(t: Translator): InputBlock[] {
  return [
    {
      type: 'input',
      block_id: BLOCK.connectRecipient,
      label: plain(t('connect.recipient.label'), LIMITS.inputLabel),
      hint: plain(t('connect.recipient.hint'), LIMITS.inputLabel),
      element: {
        type: 'users_select',
        action_id: ACTION.connectRecipient,
        placeholder: plain(t('connect.recipient.placeholder'), LIMITS.placeholder),
      },
    },
    {
      type: 'input',
      block_id: BLOCK.connectNote,
      optional: true,
      label: plain(t('connect.note.label'), LIMITS.inputLabel),
      element: {
        type: 'plain_text_input',
        action_id: ACTION.connectNote,
        multiline: true,
        max_length: NOTE_MAX_LENGTH,
        placeholder: plain(t('connect.note.placeholder'), LIMITS.placeholder),
      },
    },
  ];
}

/**
 * /zoom-connect. Admins pick the scope (unless `/zoom-connect org|personal` locked it); the org
 * scope asks who approves; "send" adds the recipient and the note. Members get the personal path only.
 */
export function connectModal(model: ConnectModalModel, t: Translator): ModalView {
  const scope = model.isAdmin ? model.scope : 'personal';
  const blocks: KnownBlock[] = [];
  if (model.isAdmin && scope !== 'personal') {
    blocks.push(section(t('connect.intro_admin', { workspace: escapeMrkdwn(model.workspaceName) })));
  } else {
    blocks.push(section(t('connect.intro_member')));
  }
  if (model.isAdmin && !model.scopeLocked) blocks.push(scopeInput(model, t));

  if (scope === 'org') {
    if (model.org?.status === 'active') {
      blocks.push(
        context(t('connect.org_active', { email: escapeMrkdwn(model.org.zoomEmail ?? t('common.unknown')) })),
      );
    } else if (model.org?.status === 'needs_reconnect') {
      blocks.push(context(`:warning: ${t('connect.org_needs_reconnect')}`));
    }
    blocks.push(orgPathInput(model, t));
    if (model.orgPath === 'send') blocks.push(...recipientInputs(t));
  } else if (scope === 'personal') {
    if (model.personal.status === 'active') {
      blocks.push(
        context(
          t('connect.personal_active', {
            email: escapeMrkdwn(model.personal.zoomEmail ?? t('common.unknown')),
          }),
        ),
      );
    } else if (model.personal.status === 'needs_reconnect') {
      blocks.push(context(`:warning: ${t('connect.personal_needs_reconnect')}`));
    }
  }

  const submit =
    scope === 'personal'
      ? t('connect.submit.get_link')
      : scope === 'org' && model.orgPath === 'send'
        ? t('connect.submit.send')
        : t('connect.submit.continue');
  // A member's modal has no input block: it still needs a submit button to ask for the link.
  const view: ModalView = {
    type: 'modal',
    callback_id: CALLBACK.connect,
    title: modalTitle(t('connect.title')),
    submit: modalTitle(submit),
    close: modalTitle(t('common.close')),
    blocks,
  };
  if (model.privateMetadata !== undefined) view.private_metadata = model.privateMetadata;
  return view;
}

/** After submit: the link as a button and as text to copy, who it went to, and until when. */
export function connectResultModal(model: ConnectResultModel, t: Translator): ModalView {
  const lead =
    model.kind === 'personal'
      ? t('connect_result.personal')
      : model.recipientId
        ? t('connect_result.org_sent', { user: mention(model.recipientId) })
        : t('connect_result.org_self');
  const blocks: KnownBlock[] = [section(lead)];
  if (model.kind === 'org') blocks.push(context(t('connect_result.only_admin')));
  if (model.recipientNoZoomUser && model.recipientId) {
    blocks.push(
      context(
        `:warning: ${t('connect_result.recipient_no_zoom_user', { user: mention(model.recipientId) })}`,
      ),
    );
  }
  blocks.push(
    actions(
      [
        button({
          text: model.kind === 'org' ? t('connect_result.button_org') : t('connect_result.button_personal'),
          actionId: ACTION.openLink,
          url: model.url,
          style: 'primary',
        }),
      ],
      BLOCK.resultLink,
    ),
    // A personal link connects whoever opens it to this member: it is not for sending on.
    model.kind === 'org'
      ? section(`${t('connect_result.copy')}\n\`\`\`${escapeMrkdwn(model.url)}\`\`\``)
      : context(t('connect_result.personal_only_you')),
    context(t('connect_result.expires', { date: slackDate(model.expiresAt, t) })),
  );
  return {
    type: 'modal',
    callback_id: CALLBACK.connectResult,
    title: modalTitle(t('connect_result.title')),
    close: modalTitle(t('common.done')),
    blocks,
  };
}

/** "Not me — forward": pick the Zoom admin who should get the request instead. */
export function forwardModal(model: ForwardModalModel, t: Translator): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.forward,
    private_metadata: model.privateMetadata ?? model.requestId,
    title: modalTitle(t('forward.title')),
    submit: modalTitle(t('forward.submit')),
    close: modalTitle(t('common.close')),
    blocks: [
      section(t('forward.intro', { requester: mention(model.requesterId) })),
      {
        type: 'input',
        block_id: BLOCK.forwardRecipient,
        label: plain(t('forward.recipient_label'), LIMITS.inputLabel),
        element: {
          type: 'users_select',
          action_id: ACTION.forwardRecipient,
          placeholder: plain(t('connect.recipient.placeholder'), LIMITS.placeholder),
        },
      },
    ],
  };
}
