/**
 * /zoom-disconnect: every choice the caller has (personal, opt out/in when allowed, and for admins
 * the organization), always confirmed here. The organization choice shows the impact preview and
 * requires ticking an explicit confirmation (checked again on submit by the listener).
 */

import type { Translator } from '../../i18n/index.js';
import type { KnownBlock, ModalView, PlainTextOption } from '../blockkit/types.js';
import {
  context,
  escapeMrkdwn,
  header,
  LIMITS,
  option,
  packLines,
  plain,
  section,
  slackDate,
} from './blocks.js';
import { meetingRefLine } from './connection-dms.js';
import { ACTION, BLOCK, CALLBACK, CONFIRM_VALUE, DISCONNECT_CHOICE, type DisconnectChoice } from './ids.js';
import type { DisconnectModalModel } from './models.js';

/** The choices this caller may make, in display order (listeners re-check them on submit). */
export function availableDisconnectChoices(model: DisconnectModalModel): DisconnectChoice[] {
  const choices: DisconnectChoice[] = [];
  if (model.personal.status !== 'none') choices.push(DISCONNECT_CHOICE.personal);
  const orgUsable = model.org !== null && model.org.status !== 'disconnected';
  if (model.optOut.allowed && orgUsable) {
    choices.push(model.optOut.optedOut ? DISCONNECT_CHOICE.optIn : DISCONNECT_CHOICE.optOut);
  }
  if (model.isAdmin && orgUsable) choices.push(DISCONNECT_CHOICE.org);
  return choices;
}

function choiceOption(choice: DisconnectChoice, model: DisconnectModalModel, t: Translator): PlainTextOption {
  switch (choice) {
    case 'personal': {
      const orgServes = model.org?.status === 'active' && !(model.optOut.allowed && model.optOut.optedOut);
      const email = model.personal.zoomEmail ? `${model.personal.zoomEmail} — ` : '';
      return option(
        t('disconnect.option.personal'),
        choice,
        `${email}${orgServes ? t('disconnect.personal_then_org') : t('disconnect.personal_then_none')}`,
      );
    }
    case 'opt_out':
      return option(t('disconnect.option.opt_out'), choice, t('disconnect.opt_out_desc'));
    case 'opt_in':
      return option(t('disconnect.option.opt_in'), choice, t('disconnect.opt_in_desc'));
    case 'org':
      return option(t('disconnect.option.org'), choice, t('disconnect.org_desc'));
  }
}

function impactBlocks(model: DisconnectModalModel, t: Translator): KnownBlock[] {
  const blocks: KnownBlock[] = [header(t('disconnect.impact_title'))];
  const lines = [`:warning: *${t('disconnect.impact_danger')}*`];
  if (model.org?.zoomEmail) lines.push(t('home.org.zoom_user', { email: escapeMrkdwn(model.org.zoomEmail) }));
  if (model.impact) {
    lines.push(
      t('disconnect.impact_members', { count: model.impact.members }),
      t('disconnect.impact_meetings', { count: model.impact.upcomingMeetings }),
    );
  }
  blocks.push(section(lines.join('\n')));
  const meetings = model.impact?.meetings ?? [];
  if (meetings.length > 0) {
    // The first few, with their links: they keep working, and the admin can see which.
    blocks.push(
      ...packLines(
        meetings.map((m) => meetingRefLine(m, t, true)),
        1,
        t,
        (model.impact?.upcomingMeetings ?? 0) - meetings.length,
      ),
    );
  }
  const facts = [t('disconnect.impact_kept')];
  if (model.impact?.lastCheckedAt !== undefined) {
    facts.push(
      t('disconnect.impact_last_check', {
        date: model.impact.lastCheckedAt ? slackDate(model.impact.lastCheckedAt, t) : t('common.not_yet'),
      }),
    );
  }
  blocks.push(context(facts.join(' · ')));
  blocks.push({
    type: 'input',
    block_id: BLOCK.disconnectConfirm,
    label: plain(t('disconnect.confirm_label'), LIMITS.inputLabel),
    element: {
      type: 'checkboxes',
      action_id: ACTION.disconnectConfirm,
      options: [option(t('disconnect.confirm_option'), CONFIRM_VALUE)],
    },
  });
  return blocks;
}

export function disconnectModal(model: DisconnectModalModel, t: Translator): ModalView {
  const choices = availableDisconnectChoices(model);
  const base = {
    type: 'modal' as const,
    callback_id: CALLBACK.disconnect,
    title: plain(t('disconnect.title'), LIMITS.modalTitle),
    close: plain(t('common.close'), LIMITS.modalTitle),
    ...(model.privateMetadata !== undefined ? { private_metadata: model.privateMetadata } : {}),
  };
  if (choices.length === 0) {
    // Nothing to confirm: no input, so no submit button.
    return { ...base, blocks: [section(t('disconnect.nothing'))] };
  }
  const options = choices.map((c) => choiceOption(c, model, t));
  const selected = model.selected && choices.includes(model.selected) ? model.selected : null;
  const initial = selected ? options[choices.indexOf(selected)] : undefined;
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: BLOCK.disconnectChoice,
      dispatch_action: true, // re-render with the impact preview when "organization" is picked
      label: plain(t('disconnect.choose'), LIMITS.inputLabel),
      element: {
        type: 'radio_buttons',
        action_id: ACTION.disconnectChoice,
        options,
        ...(initial ? { initial_option: initial } : {}),
      },
    },
  ];
  if (selected === 'org') blocks.push(...impactBlocks(model, t));
  return { ...base, submit: plain(t('disconnect.submit'), LIMITS.modalTitle), blocks };
}
