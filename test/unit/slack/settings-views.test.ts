// What the Settings modal warns about, and what is said after Save (admin and moved members).
import { describe, expect, it } from 'vitest';
import { validateBlockKit } from '../../../sandbox/slack/block-kit/index.js';
import { createTranslator } from '../../../src/i18n/index.js';
import { toSettingsSavedModel } from '../../../src/slack/mappers.js';
import { ACTION } from '../../../src/slack/views/ids.js';
import { accountChangedDm, settingsModal, settingsSavedDm } from '../../../src/slack/views/index.js';
import type { AccountChangedModel } from '../../../src/slack/views/models.js';
import { buildSettings, NOW } from './factories.js';
import { actionIdsOf, allText } from './inspect.js';

const en = createTranslator('en');
const fr = createTranslator('fr');

describe('the Settings modal', () => {
  it('labels the opt-out setting by what it does', () => {
    expect(allText(settingsModal(buildSettings(), en))).toContain(
      'Allow members to stop using the organization’s Zoom account',
    );
    expect(allText(settingsModal(buildSettings(), fr))).toContain(
      'Permettre aux membres de ne plus utiliser le compte Zoom de l’organisation',
    );
  });

  it('says how many members opted out and what changing the setting does to them', () => {
    const on = allText(settingsModal(buildSettings({ allowUserOptOut: true, optedOutMembers: 3 }), en));
    expect(on).toContain('3 members have chosen to stop using the organization’s Zoom account');
    expect(on).toContain('If you turn this off, that choice stops counting');
    const off = allText(settingsModal(buildSettings({ allowUserOptOut: false, optedOutMembers: 1 }), en));
    expect(off).toContain('1 member chose earlier to stop using');
    expect(off).toContain('If you turn it on, it counts again');
    expect(allText(settingsModal(buildSettings({ optedOutMembers: 0 }), en))).not.toContain('chose');
  });
});

describe('Settings saved', () => {
  const change = {
    before: { autoStartSummary: false, allowUserOptOut: true, changedBy: null, changedAt: null },
    after: { autoStartSummary: true, allowUserOptOut: false, changedBy: 'U1', changedAt: NOW },
    changed: ['autoStartSummary', 'allowUserOptOut'] as ('autoStartSummary' | 'allowUserOptOut')[],
    accountChanges: [
      { slackUserId: 'U2', before: 'none' as const, after: 'org' as const },
      { slackUserId: 'U3', before: 'none' as const, after: 'org' as const },
    ],
  };

  it('says what changed and how many members it moved', () => {
    const dm = settingsSavedDm(toSettingsSavedModel(change, 'Acme'), en);
    const text = allText(dm);
    expect(text).toContain('Settings saved for *Acme*.');
    expect(text).toContain('The meeting summary now starts automatically');
    expect(text).toContain('Members may no longer stop using the organization’s Zoom account.');
    expect(text).toContain('2 members who had opted out use the organization’s Zoom account again');
    expect(validateBlockKit('message', dm)).toEqual([]);
  });

  it('says so when nothing changed, or when the change moved nobody', () => {
    const same = { ...change, changed: [], accountChanges: [] };
    expect(allText(settingsSavedDm(toSettingsSavedModel(same, 'Acme'), en))).toContain('Nothing changed');
    const nobody = { ...change, changed: ['allowUserOptOut'] as 'allowUserOptOut'[], accountChanges: [] };
    expect(allText(settingsSavedDm(toSettingsSavedModel(nobody, 'Acme'), fr))).toContain(
      'Le compte Zoom de personne n’a changé.',
    );
  });

  it('uses the singular for one member, in French too', () => {
    const one = {
      ...change,
      accountChanges: [{ slackUserId: 'U2', before: 'org' as const, after: 'none' as const }],
    };
    expect(allText(settingsSavedDm(toSettingsSavedModel(one, 'Acme'), fr))).toContain(
      '1 membre qui s’était retiré n’utilise plus le compte Zoom de l’organisation',
    );
  });
});

describe('the DM to a member whose account changed', () => {
  const base: AccountChangedModel = {
    workspaceName: 'Acme',
    actorId: 'U1',
    optOutAllowed: false,
    before: 'none',
    after: 'org',
    zoomEmail: 'ana@acme.test',
  };

  it('back on the organization account: who changed what, why it concerns them, what they use now', () => {
    const dm = accountChangedDm(base, en);
    const text = allText(dm);
    expect(text).toContain(
      '<@U1> no longer lets members of *Acme* stop using the organization’s Zoom account',
    );
    expect(text).toContain('your earlier choice to stop using it no longer applies');
    expect(text).toContain('*You now use:* the organization’s Zoom account');
    expect(text).toContain('ana@acme.test');
    expect(actionIdsOf(dm)).toEqual([ACTION.connectPersonal]);
    expect(validateBlockKit('message', dm)).toEqual([]);
  });

  it('off it again: no account now, with the ways out (personal account, opt back in)', () => {
    const dm = accountChangedDm(
      { ...base, optOutAllowed: true, before: 'org', after: 'none', zoomEmail: null },
      fr,
    );
    const text = allText(dm);
    expect(text).toContain('permet désormais aux membres de *Acme* de renoncer');
    expect(text).toContain('*Vous utilisez désormais\u00a0:* aucun compte Zoom');
    expect(actionIdsOf(dm)).toEqual([ACTION.connectPersonal, ACTION.optIn]);
    expect(validateBlockKit('message', dm)).toEqual([]);
  });
});
