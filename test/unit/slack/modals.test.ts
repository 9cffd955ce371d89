import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/i18n/index.js';
import type { ModalView } from '../../../src/slack/blockkit/types.js';
import { connectModal, connectResultModal, forwardModal } from '../../../src/slack/views/connect.js';
import { availableDisconnectChoices, disconnectModal } from '../../../src/slack/views/disconnect.js';
import {
  ACTION,
  BLOCK,
  CALLBACK,
  CONFIRM_VALUE,
  CONNECT_SCOPE,
  DISCONNECT_CHOICE,
  ORG_PATH,
  SETTINGS_OPTION,
} from '../../../src/slack/views/ids.js';
import type { ConnectModalModel, DisconnectModalModel } from '../../../src/slack/views/models.js';
import { settingsModal } from '../../../src/slack/views/settings.js';
import { buildSettings, NOW } from './factories.js';
import { actionIdsOf, allText, blockIdsOf, buttonsOf } from './inspect.js';

const en = createTranslator('en');
const fr = createTranslator('fr');

function connectModel(overrides: Partial<ConnectModalModel> = {}): ConnectModalModel {
  return {
    isAdmin: true,
    workspaceName: 'Acme',
    scope: null,
    orgPath: null,
    scopeLocked: false,
    org: null,
    personal: { status: 'none', zoomEmail: null },
    ...overrides,
  };
}

function inputBlock(view: ModalView, blockId: string) {
  return view.blocks.find((b) => 'block_id' in b && b.block_id === blockId) as
    | { type: string; dispatch_action?: boolean; optional?: boolean; element: Record<string, unknown> }
    | undefined;
}

describe('connectModal', () => {
  it('lets an admin choose "For the whole organization" or "Just for me"', () => {
    const view = connectModal(connectModel(), en);
    expect(view.callback_id).toBe(CALLBACK.connect);
    const scope = inputBlock(view, BLOCK.connectScope);
    expect(scope?.dispatch_action).toBe(true);
    expect(scope?.element.action_id).toBe(ACTION.connectScope);
    const text = allText(view);
    expect(text).toContain('For the whole organization');
    expect(text).toContain('Just for me');
    expect(blockIdsOf(view)).not.toContain(BLOCK.connectOrgPath);
  });

  it('on the org path asks who approves, then the recipient and an optional multiline note', () => {
    const self = connectModal(connectModel({ scope: 'org', orgPath: 'self' }), en);
    expect(allText(self)).toContain('I am the Zoom admin — approve now');
    expect(allText(self)).toContain('Send to my Zoom admin');
    expect(blockIdsOf(self)).not.toContain(BLOCK.connectRecipient);
    expect(self.submit?.text).toBe('Continue');

    const send = connectModal(connectModel({ scope: 'org', orgPath: 'send' }), en);
    expect(inputBlock(send, BLOCK.connectRecipient)?.element.type).toBe('users_select');
    const note = inputBlock(send, BLOCK.connectNote);
    expect(note?.optional).toBe(true);
    expect(note?.element).toMatchObject({
      type: 'plain_text_input',
      multiline: true,
      action_id: ACTION.connectNote,
    });
    expect(send.submit?.text).toBe('Send request');
    // The current choices stay selected after a re-render.
    expect(inputBlock(send, BLOCK.connectScope)?.element.initial_option).toMatchObject({
      value: CONNECT_SCOPE.org,
    });
    expect(inputBlock(send, BLOCK.connectOrgPath)?.element.initial_option).toMatchObject({
      value: ORG_PATH.send,
    });
  });

  it('gives a member the personal path only, even if the org scope is requested', () => {
    for (const scope of [null, 'org', 'personal'] as const) {
      const view = connectModal(connectModel({ isAdmin: false, scope, orgPath: 'send' }), en);
      const ids = blockIdsOf(view);
      expect(ids).not.toContain(BLOCK.connectScope);
      expect(ids).not.toContain(BLOCK.connectOrgPath);
      expect(ids).not.toContain(BLOCK.connectRecipient);
      expect(view.submit?.text).toBe('Get my link');
      expect(allText(view)).not.toContain('For the whole organization');
    }
  });

  it('skips the scope choice when the command locked it', () => {
    const view = connectModal(connectModel({ scope: 'org', scopeLocked: true }), en);
    expect(blockIdsOf(view)).not.toContain(BLOCK.connectScope);
    expect(blockIdsOf(view)).toContain(BLOCK.connectOrgPath);
  });

  it('says a new approval hands over without interruption when one is active', () => {
    const view = connectModal(
      connectModel({ scope: 'org', org: { status: 'active', zoomEmail: 'old@acme.test' } }),
      en,
    );
    expect(allText(view)).toContain('without interruption');
    expect(allText(view)).toContain('old@acme.test');
  });

  it('passes private_metadata through and is translated', () => {
    const view = connectModal(connectModel({ privateMetadata: '{"channel":"C1"}' }), fr);
    expect(view.private_metadata).toBe('{"channel":"C1"}');
    expect(view.title.text).toBe('Connecter Zoom');
    expect(allText(view)).toContain('Pour toute l’organisation');
  });
});

describe('connectResultModal', () => {
  const url = 'https://app.test/zoom/approve/tok_1';

  it('gives the link as a button and as text to copy, with who it went to and the expiry', () => {
    const view = connectResultModal({ kind: 'org', url, recipientId: 'U7', expiresAt: NOW }, en);
    const link = buttonsOf(view).find((b) => b.action_id === ACTION.openLink);
    expect(link).toMatchObject({ url, text: 'Approve in Zoom' });
    const text = allText(view);
    expect(text).toContain(`\`\`\`${url}\`\`\``);
    expect(text).toContain('sent to <@U7>');
    expect(text).toContain('The link works until <!date^');
    expect(view.submit).toBeUndefined();
  });

  it('explains the self and personal paths', () => {
    expect(
      allText(connectResultModal({ kind: 'org', url, recipientId: null, expiresAt: NOW }, en)),
    ).toContain('approve in Zoom with your Zoom admin account');
    const personal = connectResultModal({ kind: 'personal', url, recipientId: null, expiresAt: NOW }, en);
    expect(buttonsOf(personal)[0]?.text).toBe('Connect in Zoom');
  });

  it('a personal link is not offered for sending on: no text to copy, a warning instead (issue 17 §5)', () => {
    const personal = allText(
      connectResultModal({ kind: 'personal', url, recipientId: null, expiresAt: NOW }, en),
    );
    expect(personal).not.toContain('```');
    expect(personal).not.toMatch(/other means|another way/);
    expect(personal).toContain('Do not forward it');
  });
});

describe('forwardModal', () => {
  it('asks for a users_select and carries the request id', () => {
    const view = forwardModal({ requestId: 'req9', requesterId: 'U1' }, en);
    expect(view.callback_id).toBe(CALLBACK.forward);
    expect(view.private_metadata).toBe('req9');
    expect(inputBlock(view, BLOCK.forwardRecipient)?.element.type).toBe('users_select');
  });
});

describe('settingsModal', () => {
  it('shows both checkboxes with the current values and who changed them last', () => {
    const view = settingsModal(buildSettings({ autoStartSummary: true, allowUserOptOut: false }), en);
    const input = inputBlock(view, BLOCK.settingsOptions);
    expect(input?.element.action_id).toBe(ACTION.settingsOptions);
    expect(input?.element.initial_options).toEqual([
      expect.objectContaining({ value: SETTINGS_OPTION.autoStartSummary }),
    ]);
    const text = allText(view);
    expect(text).toContain('Auto-start the meeting summary');
    expect(text).toContain('Allow members to stop using the organization’s Zoom account');
    expect(text).toContain('Last changed by <@U1>');
  });

  it('omits initial_options when nothing is ticked (Slack rejects an empty list)', () => {
    const view = settingsModal(
      buildSettings({ autoStartSummary: false, allowUserOptOut: false, changedBy: null }),
      fr,
    );
    expect(inputBlock(view, BLOCK.settingsOptions)?.element).not.toHaveProperty('initial_options');
    expect(allText(view)).toContain('Paramètres par défaut');
  });
});

describe('disconnectModal', () => {
  function model(overrides: Partial<DisconnectModalModel> = {}): DisconnectModalModel {
    return {
      isAdmin: false,
      personal: { status: 'active', zoomEmail: 'me@zoom.test' },
      org: { status: 'active', zoomEmail: 'admin@acme.test' },
      optOut: { allowed: false, optedOut: false },
      selected: null,
      impact: null,
      ...overrides,
    };
  }

  it('offers a member personal disconnect, and opt out only when allowed', () => {
    expect(availableDisconnectChoices(model())).toEqual([DISCONNECT_CHOICE.personal]);
    expect(availableDisconnectChoices(model({ optOut: { allowed: true, optedOut: false } }))).toEqual([
      DISCONNECT_CHOICE.personal,
      DISCONNECT_CHOICE.optOut,
    ]);
    expect(availableDisconnectChoices(model({ optOut: { allowed: true, optedOut: true } }))).toContain(
      DISCONNECT_CHOICE.optIn,
    );
  });

  it('offers the organization only to admins, and only while it exists', () => {
    expect(availableDisconnectChoices(model({ isAdmin: true }))).toContain(DISCONNECT_CHOICE.org);
    expect(availableDisconnectChoices(model({ isAdmin: true, org: null }))).not.toContain(
      DISCONNECT_CHOICE.org,
    );
    expect(availableDisconnectChoices(model({ isAdmin: false }))).not.toContain(DISCONNECT_CHOICE.org);
  });

  it('shows the impact preview and a required confirmation when the organization is chosen', () => {
    const view = disconnectModal(
      model({ isAdmin: true, selected: 'org', impact: { members: 1234, upcomingMeetings: 56 } }),
      en,
    );
    const text = allText(view);
    expect(text).toContain('Members relying on it: *1,234*');
    expect(text).toContain('Upcoming meetings made through it: *56* — they keep working');
    expect(text).toContain('This stops Zoom for every member who has no personal connection');
    const confirm = inputBlock(view, BLOCK.disconnectConfirm);
    expect(confirm?.optional).toBeUndefined();
    expect(confirm?.element).toMatchObject({ type: 'checkboxes', action_id: ACTION.disconnectConfirm });
    expect(JSON.stringify(confirm)).toContain(`"value":"${CONFIRM_VALUE}"`);
    expect(inputBlock(view, BLOCK.disconnectChoice)?.dispatch_action).toBe(true);
  });

  it('hides the impact until the organization is chosen', () => {
    const view = disconnectModal(
      model({ isAdmin: true, selected: 'personal', impact: { members: 1, upcomingMeetings: 1 } }),
      en,
    );
    expect(blockIdsOf(view)).not.toContain(BLOCK.disconnectConfirm);
    expect(allText(view)).not.toContain('Members relying on it');
  });

  it('says what happens after a personal disconnect', () => {
    expect(allText(disconnectModal(model(), en))).toContain(
      'Your meetings then use the organization’s connection.',
    );
    expect(allText(disconnectModal(model({ org: null }), en))).toContain('You then cannot create meetings');
  });

  it('has no submit when there is nothing to disconnect', () => {
    const view = disconnectModal(model({ personal: { status: 'none', zoomEmail: null }, org: null }), en);
    expect(view.submit).toBeUndefined();
    expect(actionIdsOf(view)).toEqual([]);
    expect(allText(view)).toContain('There is nothing to disconnect');
  });
});
