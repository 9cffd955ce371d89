import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/i18n/index.js';
import { ACTION } from '../../../src/slack/views/ids.js';
import { otherUserStatus, statusMessage } from '../../../src/slack/views/status.js';
import { buildStatus, NOW } from './factories.js';
import { actionIdsOf, allText } from './inspect.js';

const en = createTranslator('en');
const fr = createTranslator('fr-FR');

const both = buildStatus({
  active: { source: 'personal', zoomEmail: 'ana@zoom.test', since: NOW },
  orgBackup: true,
  personal: 'active',
});

describe('status display rule (DESIGN §3.1)', () => {
  it('with personal and organization: one "Using" line for personal, organization named as backup', () => {
    const text = allText(statusMessage(both, en).blocks);
    expect(text).toContain('*Using: personal (ana@zoom.test)* · organization available as backup');
    expect(text.match(/Using:/g)).toHaveLength(1);
    expect(text).not.toContain('Using: organization');
  });

  it('says the same in French, with one active line only', () => {
    const text = allText(statusMessage(both, fr).blocks);
    expect(text).toContain('personnel (ana@zoom.test)* · organisation disponible en secours');
    expect(text.match(/Compte utilisé/g)).toHaveLength(1);
  });

  it('never shows a backup when the organization itself is the active account', () => {
    const text = allText(statusMessage(buildStatus({ orgBackup: true }), en).blocks);
    expect(text).toContain('Using: organization (ana@acme.test)');
    expect(text).not.toContain('backup');
  });

  it('shows no backup when the organization is not available', () => {
    const text = allText(statusMessage({ ...both, orgBackup: false }, en).blocks);
    expect(text).toContain('Using: personal (ana@zoom.test)');
    expect(text).not.toContain('backup');
  });

  it('shows since when', () => {
    const text = allText(statusMessage(both, en).blocks);
    expect(text).toContain(`Since: <!date^${Math.floor(NOW.getTime() / 1000)}^`);
  });

  it.each([
    ['no_org_connection', 'Zoom is not connected for your organization', '/zoom-connect personal'],
    ['org_needs_reconnect', 'needs to be reconnected by an admin', 'Your Slack admins have been told'],
    ['org_disconnected', 'was disconnected', 'ask a Slack admin'],
    ['opted_out', 'You opted out', 'Opt back in'],
    ['personal_needs_reconnect', 'Your personal Zoom connection stopped working', 'Reconnect it'],
  ] as const)('with no account (%s): the reason and what to do', (reason, why, fix) => {
    const text = allText(statusMessage(buildStatus({ active: null, noneReason: reason }), en).blocks);
    expect(text).toContain('No Zoom account is active for you.');
    expect(text).toContain(why);
    expect(text).toContain(fix);
    expect(text).not.toContain('Using:');
  });

  it('while the personal connection is broken, the organization serves and the member is told to reconnect', () => {
    const view = statusMessage(buildStatus({ personal: 'needs_reconnect' }), en);
    const text = allText(view.blocks);
    expect(text).toContain('Using: organization');
    expect(text).toContain('Your personal Zoom connection needs reconnecting');
    expect(actionIdsOf(view)).toContain(ACTION.connectPersonal);
  });

  it('flags a Slack email with no Zoom user in the organization account', () => {
    const text = allText(
      statusMessage(buildStatus({ zoomMatch: 'not_found', slackEmail: 'ana@slack.test' }), en).blocks,
    );
    expect(text).toContain('no user with your Slack email (ana@slack.test)');
  });

  it('offers opt out only when allowed, and opt back in when opted out', () => {
    expect(actionIdsOf(statusMessage(buildStatus(), en))).not.toContain(ACTION.optOut);
    expect(
      actionIdsOf(statusMessage(buildStatus({ optOut: { allowed: true, optedOut: false } }), en)),
    ).toContain(ACTION.optOut);
    const optedOut = buildStatus({
      active: null,
      noneReason: 'opted_out',
      optOut: { allowed: true, optedOut: true },
    });
    const ids = actionIdsOf(statusMessage(optedOut, en));
    expect(ids).toContain(ACTION.optIn);
    expect(ids).not.toContain(ACTION.optOut);
    expect(ids).not.toContain(ACTION.newMeeting);
  });

  it('offers disconnect for an active personal account and connect otherwise', () => {
    expect(actionIdsOf(statusMessage(both, en))).toContain(ACTION.disconnectPersonal);
    expect(actionIdsOf(statusMessage(buildStatus(), en))).toContain(ACTION.connectPersonal);
  });

  it('describes another member neutrally for admins, with the same display rule', () => {
    const view = otherUserStatus(
      { userId: 'U42', slackEmail: 'bo@acme.test', isAdmin: false, status: both },
      en,
    );
    const text = allText(view.blocks);
    expect(text).toContain('Zoom account of <@U42>');
    expect(text.match(/Using:/g)).toHaveLength(1);
    expect(text).toContain('organization available as backup');
    expect(actionIdsOf(view)).toEqual([]);
    const none = otherUserStatus(
      {
        userId: 'U42',
        slackEmail: null,
        isAdmin: true,
        status: buildStatus({ active: null, noneReason: 'opted_out' }),
      },
      fr,
    );
    expect(allText(none.blocks)).toContain('Aucun compte Zoom actif');
  });
});
