/**
 * /zoom-settings: the two organization settings, with who changed them last and whom changing the
 * opt-out setting would move; and what is said after Save (to the admin, and to the members moved).
 */

import type { Translator } from '../../i18n/index.js';
import type { KnownBlock, MessageView, ModalView } from '../blockkit/types.js';
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
import { ACTION, BLOCK, CALLBACK, SETTINGS_OPTION } from './ids.js';
import type { AccountChangedModel, SettingsModel, SettingsSavedModel } from './models.js';

export function lastChangedLine(model: SettingsModel, t: Translator): string {
  if (!model.changedBy || !model.changedAt) return t('settings.never_changed');
  return t('settings.last_changed', { user: mention(model.changedBy), date: slackDate(model.changedAt, t) });
}

export function settingsModal(model: SettingsModel, t: Translator): ModalView {
  const summary = option(
    t('settings.auto_summary'),
    SETTINGS_OPTION.autoStartSummary,
    t('settings.auto_summary_desc'),
  );
  const optOut = option(
    t('settings.allow_opt_out'),
    SETTINGS_OPTION.allowUserOptOut,
    t('settings.allow_opt_out_desc'),
  );
  const initial = [...(model.autoStartSummary ? [summary] : []), ...(model.allowUserOptOut ? [optOut] : [])];
  const blocks: KnownBlock[] = [
    section(t('settings.intro', { workspace: escapeMrkdwn(model.workspaceName) })),
    {
      type: 'input',
      block_id: BLOCK.settingsOptions,
      optional: true, // unticking both is a valid choice
      label: plain(t('settings.label'), LIMITS.inputLabel),
      element: {
        type: 'checkboxes',
        action_id: ACTION.settingsOptions,
        options: [summary, optOut],
        // Slack rejects an empty initial_options array.
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      },
    },
  ];
  const impact = optOutImpactLine(model, t);
  if (impact) blocks.push(context(impact));
  blocks.push(context(lastChangedLine(model, t)));
  const view: ModalView = {
    type: 'modal',
    callback_id: CALLBACK.settings,
    title: plain(t('settings.title'), LIMITS.modalTitle),
    submit: plain(t('settings.submit'), LIMITS.modalTitle),
    close: plain(t('common.close'), LIMITS.modalTitle),
    blocks,
  };
  if (model.privateMetadata !== undefined) view.private_metadata = model.privateMetadata;
  return view;
}

/** The opt-out line of the modal: who a change of it would move (they are told by DM). */
function optOutImpactLine(model: SettingsModel, t: Translator): string | null {
  const count = model.optedOutMembers ?? 0;
  if (count === 0) return null;
  return t.plural(model.allowUserOptOut ? 'admin.settings.impact_on' : 'admin.settings.impact_off', count);
}

function settingChangeLine(change: SettingsSavedModel['changes'][number], t: Translator): string {
  if (change.setting === 'autoStartSummary')
    return t(change.enabled ? 'admin.settings_saved.summary_on' : 'admin.settings_saved.summary_off');
  return t(change.enabled ? 'admin.settings_saved.opt_out_on' : 'admin.settings_saved.opt_out_off');
}

/** The admin's DM after Save: what changed, and how many members it moved (each told by DM). */
export function settingsSavedDm(model: SettingsSavedModel, t: Translator): MessageView {
  const title = t('notice.settings_saved', { workspace: escapeMrkdwn(model.workspaceName) });
  const lines: string[] = [];
  if (model.changes.length === 0) lines.push(t('admin.settings_saved.nothing'));
  for (const change of model.changes) lines.push(`• ${settingChangeLine(change, t)}`);
  const optOutChanged = model.changes.some((c) => c.setting === 'allowUserOptOut');
  const { toOrg, toNone, other } = model.moved;
  if (toOrg > 0) lines.push(t.plural('admin.settings_saved.to_org', toOrg));
  if (toNone > 0) lines.push(t.plural('admin.settings_saved.to_none', toNone));
  if (other > 0) lines.push(t.plural('admin.settings_saved.moved_other', other));
  if (optOutChanged && toOrg + toNone + other === 0) lines.push(t('admin.settings_saved.nobody_moved'));
  return { text: title, blocks: [section(`${title}\n${lines.join('\n')}`)] };
}

function nowUsingLine(model: AccountChangedModel, t: Translator): string {
  switch (model.after) {
    case 'org':
      return model.zoomEmail
        ? t('admin.account_changed.now_org', { email: escapeMrkdwn(model.zoomEmail) })
        : t('admin.account_changed.now_org_plain');
    case 'personal':
      return t('admin.account_changed.now_personal');
    case 'none':
      return t('admin.account_changed.now_none');
  }
}

/**
 * A member's DM when the opt-out setting changed the account they use: who changed what, why it
 * concerns them (their earlier opt-out), what they use now, and what they can do about it.
 */
export function accountChangedDm(model: AccountChangedModel, t: Translator): MessageView {
  const why = t(
    model.optOutAllowed ? 'admin.account_changed.opt_out_on' : 'admin.account_changed.opt_out_off',
    {
      admin: mention(model.actorId),
      workspace: escapeMrkdwn(model.workspaceName),
    },
  );
  const now = nowUsingLine(model, t);
  const blocks: KnownBlock[] = [section(`${why}\n\n${now}`)];
  const buttons = [];
  if (model.after !== 'personal') {
    blocks.push(context(t('admin.account_changed.personal_hint')));
    buttons.push(
      button({
        text: t('button.connect_personal'),
        actionId: ACTION.connectPersonal,
        ...(model.after === 'none' ? { style: 'primary' as const } : {}),
      }),
    );
  }
  if (model.after === 'none' && model.optOutAllowed) {
    buttons.push(button({ text: t('button.opt_in'), actionId: ACTION.optIn }));
  }
  if (buttons.length > 0) blocks.push(actions(buttons, BLOCK.memberActions));
  return { text: t('admin.account_changed.text'), blocks };
}
