/** /zoom-settings: the two organization settings, with who changed them last. */

import type { Translator } from '../../i18n/index.js';
import type { KnownBlock, ModalView } from '../blockkit/types.js';
import { context, escapeMrkdwn, LIMITS, mention, option, plain, section, slackDate } from './blocks.js';
import { ACTION, BLOCK, CALLBACK, SETTINGS_OPTION } from './ids.js';
import type { SettingsModel } from './models.js';

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
    context(lastChangedLine(model, t)),
  ];
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
