/** Direct messages of the approval-link lifecycle (DESIGN §3.3): request, reminder, and every outcome. */

import type { MessageKey, Translator } from '../../i18n/index.js';
import type { KnownBlock, MessageView } from '../blockkit/types.js';
import {
  actions,
  button,
  confirmDialog,
  context,
  escapeMrkdwn,
  header,
  mention,
  section,
  slackDate,
  truncateMrkdwn,
} from './blocks.js';
import { ACTION, BLOCK } from './ids.js';
import type {
  ApprovalRequestModel,
  NotZoomAdminModel,
  RequestClosedModel,
  RequestCompletedModel,
  RequestDeclinedModel,
  RequestExpiredModel,
  RequestForwardedModel,
} from './models.js';
import { coverageLine } from './parked.js';

/** Quote a user's free text (each line prefixed with `>`), escaped and bounded. */
function quote(text: string, max: number): string {
  return truncateMrkdwn(
    escapeMrkdwn(text)
      .split('\n')
      .map((line) => `>${line}`)
      .join('\n'),
    max,
  );
}

function approvalBlocks(model: ApprovalRequestModel, t: Translator, reminder: boolean): MessageView {
  const requester = mention(model.requesterId);
  const workspace = escapeMrkdwn(model.workspaceName);
  const blocks: KnownBlock[] = [
    header(reminder ? t('approval_dm.reminder_header') : t('approval_dm.header')),
  ];
  if (reminder) blocks.push(section(`*${t('approval_dm.reminder')}*`));
  if (model.forwardedBy)
    blocks.push(context(t('approval_dm.forwarded', { user: mention(model.forwardedBy) })));
  blocks.push(section(t('approval_dm.body', { requester, workspace })));
  if (model.note && model.note.trim() !== '') {
    blocks.push(section(`${t('approval_dm.note', { requester })}\n${quote(model.note, 2500)}`));
  }
  blocks.push(
    section(t('approval_dm.only_admin')),
    actions(
      [
        button({
          text: t('approval_dm.approve'),
          actionId: ACTION.approveInZoom,
          url: model.url,
          value: model.requestId,
          style: 'primary',
        }),
        button({
          text: t('approval_dm.decline'),
          actionId: ACTION.declineRequest,
          value: model.requestId,
          confirm: confirmDialog(
            t('approval_dm.decline_confirm_title'),
            t('approval_dm.decline_confirm_text'),
            t('approval_dm.decline'),
            t('common.keep'),
          ),
        }),
        button({ text: t('approval_dm.forward'), actionId: ACTION.forwardRequest, value: model.requestId }),
      ],
      BLOCK.approvalActions,
    ),
    context(t('approval_dm.expires', { date: slackDate(model.expiresAt, t) })),
  );
  return { text: t('approval_dm.text', { requester, workspace }), blocks };
}

/** To the chosen Zoom admin: who asks, for which workspace, Approve (link) / Decline / Not me — forward. */
export function approvalRequestDm(model: ApprovalRequestModel, t: Translator): MessageView {
  return approvalBlocks(model, t, false);
}

/** The 24 h reminder to the recipient: the same request, flagged as a reminder. */
export function approvalReminderDm(model: ApprovalRequestModel, t: Translator): MessageView {
  return approvalBlocks(model, t, true);
}

/** Org connection completed: to the requester and to the approver, with the account and its coverage. */
export function requestCompletedDm(model: RequestCompletedModel, t: Translator): MessageView {
  const params = { workspace: escapeMrkdwn(model.workspaceName), email: escapeMrkdwn(model.zoomEmail) };
  const body =
    model.audience === 'requester'
      ? t('dm.completed_org.requester', params)
      : t('dm.completed_org.approver', params);
  const blocks: KnownBlock[] = [section(`:white_check_mark: ${body}`)];
  if (model.account) {
    const missing = model.account.total - model.account.found;
    blocks.push(
      context(
        [
          coverageLine(model.account, t),
          ...(missing > 0 ? [t.plural('dm.completed_org.missing', missing)] : []),
        ].join(' '),
      ),
    );
  }
  return { text: t('dm.completed_org.text', { workspace: params.workspace }), blocks };
}

const CLOSED: Record<RequestClosedModel['status'], MessageKey> = {
  completed: 'request_closed.completed',
  superseded: 'request_closed.superseded',
  declined: 'request_closed.declined',
  cancelled: 'request_closed.cancelled',
  expired: 'request_closed.expired',
  forwarded: 'request_closed.forwarded',
  replaced: 'request_closed.replaced',
  awaiting_confirmation: 'request_closed.awaiting_confirmation',
};

/**
 * A request DM whose buttons no longer apply (issue 17): what happened, who did it and when — no
 * Approve, Decline or forward left to press.
 */
export function requestClosedDm(model: RequestClosedModel, t: Translator): MessageView {
  const text = t(CLOSED[model.status], {
    workspace: escapeMrkdwn(model.workspaceName),
    user: model.actorId ? mention(model.actorId) : t('common.someone'),
    email: escapeMrkdwn(model.zoomEmail ?? t('common.unknown')),
    to: model.toId ? mention(model.toId) : t('common.someone'),
    date: slackDate(model.at, t),
  });
  const icon =
    model.status === 'completed' || model.status === 'superseded'
      ? ':white_check_mark:'
      : ':information_source:';
  const blocks: KnownBlock[] = [];
  if (model.requesterId) {
    blocks.push(
      context(
        t('request_closed.lead', {
          requester: mention(model.requesterId),
          workspace: escapeMrkdwn(model.workspaceName),
        }),
      ),
    );
  }
  blocks.push(section(`${icon} ${text}`));
  return { text, blocks };
}

/** To the requester: the recipient declined. */
export function requestDeclinedDm(model: RequestDeclinedModel, t: Translator): MessageView {
  return {
    text: t('dm.declined.text'),
    blocks: [
      section(
        t('dm.declined', { user: mention(model.declinedBy), workspace: escapeMrkdwn(model.workspaceName) }),
      ),
      section(t('dm.declined_hint')),
      actions([
        button({ text: t('button.send_to_other_admin'), actionId: ACTION.connectOrg, style: 'primary' }),
      ]),
    ],
  };
}

/** To the requester: someone authorized with a Zoom user that is not an admin; nothing stored. */
export function notZoomAdminDm(model: NotZoomAdminModel, t: Translator): MessageView {
  return {
    text: t('dm.not_admin.text'),
    blocks: [
      section(
        `:no_entry: ${t('dm.not_admin', { email: escapeMrkdwn(model.zoomEmail), role: escapeMrkdwn(model.roleName) })}`,
      ),
      context(t('dm.not_admin_hint')),
      actions([button({ text: t('button.send_to_other_admin'), actionId: ACTION.connectOrg })]),
    ],
  };
}

/** To the requester: the link expired without approval. */
export function requestExpiredDm(model: RequestExpiredModel, t: Translator): MessageView {
  const blocks: KnownBlock[] = [
    section(
      t('dm.expired', { workspace: escapeMrkdwn(model.workspaceName), date: slackDate(model.expiredAt, t) }),
    ),
  ];
  if (model.recipientId)
    blocks.push(context(t('dm.expired_recipient', { user: mention(model.recipientId) })));
  blocks.push(
    actions([
      button({
        text: t('button.new_link'),
        actionId: model.kind === 'org' ? ACTION.connectOrg : ACTION.connectPersonal,
        style: 'primary',
      }),
    ]),
  );
  return { text: t('dm.expired.text'), blocks };
}

/** To the requester: the recipient forwarded the request to someone else. */
export function requestForwardedDm(model: RequestForwardedModel, t: Translator): MessageView {
  return {
    text: t('dm.forwarded.text'),
    blocks: [section(t('dm.forwarded', { from: mention(model.fromId), to: mention(model.toId) }))],
  };
}
