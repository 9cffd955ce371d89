/**
 * Parked approvals (DESIGN §3.2a): Zoom said yes, but the account is not used until the right
 * person says yes in Slack — the member for a personal account that is not their email, a Slack
 * admin for an organization account that changes, serves nobody, or was asked for by someone who
 * is no longer an admin. The DM asks; Home and /zoom-status list them; once decided the DM says
 * what happened and loses its buttons.
 */

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
} from './blocks.js';
import { ACTION, BLOCK } from './ids.js';
import type { AccountCoverageModel, ParkedApprovalModel, ParkedDecidedModel } from './models.js';

/** "Zoom account Acme (acme): 5 of 6 members found by email." */
export function coverageLine(account: AccountCoverageModel, t: Translator): string {
  return t.plural('coverage.line', account.total, {
    account: escapeMrkdwn(account.name ?? account.id),
    id: escapeMrkdwn(account.id),
    found: account.found,
  });
}

const ORG_REASON: Record<Exclude<ParkedApprovalModel['reason'], 'email_mismatch'>, MessageKey> = {
  other_account: 'parked.org.other_account',
  zero_coverage: 'parked.org.zero_coverage',
  requester_not_admin: 'parked.org.requester_not_admin',
};

/** What the person deciding reads: who signed in, why it waits, what each button does. */
function parkedText(model: ParkedApprovalModel, t: Translator): string[] {
  const email = `*${escapeMrkdwn(model.zoomEmail)}*`;
  if (model.kind === 'personal') {
    return [
      t('parked.personal.body', {
        email,
        slackEmail: escapeMrkdwn(model.slackEmail ?? t('common.unknown')),
      }),
      t('parked.personal.question'),
    ];
  }
  const lines = [t('parked.org.body', { email, workspace: escapeMrkdwn(model.workspaceName) })];
  if (model.account) lines.push(coverageLine(model.account, t));
  if (model.reason !== 'email_mismatch') {
    const key =
      model.reason === 'other_account' && model.currentServing === false
        ? 'parked.org.other_account_stopped'
        : ORG_REASON[model.reason];
    lines.push(
      t(key, {
        current: escapeMrkdwn(model.currentZoomEmail ?? t('common.unknown')),
        requester: mention(model.requesterId),
      }),
    );
  }
  return lines;
}

function parkedButtons(model: ParkedApprovalModel, t: Translator, blockId?: string) {
  const switching = model.kind === 'org' && model.reason === 'other_account';
  return actions(
    [
      button({
        text: t(
          model.kind === 'personal'
            ? 'parked.use_account'
            : switching
              ? 'parked.switch_account'
              : 'parked.confirm',
        ),
        actionId: ACTION.confirmParked,
        value: model.requestId,
        style: 'primary',
        ...(model.kind === 'org'
          ? {
              confirm: confirmDialog(
                t(switching ? 'parked.switch_confirm_title' : 'parked.confirm_title'),
                t('parked.confirm_text', { email: escapeMrkdwn(model.zoomEmail) }),
                t(switching ? 'parked.switch_account' : 'parked.confirm'),
                t('common.keep_current'),
              ),
            }
          : {}),
      }),
      button({ text: t('parked.cancel'), actionId: ACTION.cancelParked, value: model.requestId }),
    ],
    blockId,
  );
}

/** The DM to the member (personal) or to each Slack admin (org). */
export function parkedApprovalDm(model: ParkedApprovalModel, t: Translator): MessageView {
  const headerKey = model.kind === 'personal' ? 'parked.personal.header' : 'parked.org.header';
  const blocks: KnownBlock[] = [
    header(t(headerKey)),
    section(parkedText(model, t).join('\n\n')),
    parkedButtons(model, t, BLOCK.parkedActions),
    context(
      t(model.kind === 'personal' ? 'parked.personal.until' : 'parked.org.until', {
        date: slackDate(model.until, t),
      }),
    ),
  ];
  return {
    text: t(model.kind === 'personal' ? 'parked.personal.text' : 'parked.org.text', {
      email: escapeMrkdwn(model.zoomEmail),
    }),
    blocks,
  };
}

/** To the Zoom admin who approved an org request that now waits for a Slack admin. */
export function parkedApproverDm(model: ParkedApprovalModel, t: Translator): MessageView {
  const lines = [t('parked.approver.body', { workspace: escapeMrkdwn(model.workspaceName) })];
  if (model.account) lines.push(coverageLine(model.account, t));
  return { text: t('parked.approver.text'), blocks: [section(lines.join('\n'))] };
}

/** Home and /zoom-status: each parked approval with its buttons (no block ids: several may show). */
export function parkedBlocks(items: ParkedApprovalModel[], t: Translator): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (const item of items.slice(0, 5)) {
    blocks.push(
      section(`:hourglass_flowing_sand: ${parkedText(item, t).join('\n')}`),
      parkedButtons(item, t),
      context(t('parked.decide_by', { date: slackDate(item.until, t) })),
    );
  }
  return blocks;
}

const DECIDED: Record<ParkedDecidedModel['kind'], Record<ParkedDecidedModel['outcome'], MessageKey>> = {
  personal: {
    confirmed: 'parked.decided.personal_confirmed',
    cancelled: 'parked.decided.personal_cancelled',
    expired: 'parked.decided.expired',
  },
  org: {
    confirmed: 'parked.decided.org_confirmed',
    cancelled: 'parked.decided.org_cancelled',
    expired: 'parked.decided.expired',
  },
};

/** Replaces a parked DM once somebody decided (or nobody did in time). */
export function parkedDecidedDm(model: ParkedDecidedModel, t: Translator): MessageView {
  const icon = model.outcome === 'confirmed' ? ':white_check_mark:' : ':no_entry_sign:';
  const text = t(DECIDED[model.kind][model.outcome], {
    email: escapeMrkdwn(model.zoomEmail),
    user: model.actorId ? mention(model.actorId) : t('common.unknown'),
    date: slackDate(model.at, t),
  });
  const blocks: KnownBlock[] = [section(`${icon} ${text}`)];
  if (model.outcome === 'confirmed' && model.account) blocks.push(context(coverageLine(model.account, t)));
  return { text, blocks };
}
