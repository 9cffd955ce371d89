/**
 * Parked approvals and closed requests as people read them (issue 13 §2–4, issue 17 §3): who
 * signed in, why it waits, what each button does; once decided, no button is left.
 */
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/i18n/index.js';
import {
  ACTION,
  coverageLine,
  homeView,
  parkedApprovalDm,
  parkedApproverDm,
  parkedDecidedDm,
  requestClosedDm,
  statusMessage,
} from '../../../src/slack/views/index.js';
import { buildHome, buildParked, buildStatus, NOW } from './factories.js';
import { actionIdsOf, allText } from './inspect.js';

const en = createTranslator('en');
const fr = createTranslator('fr');

describe('coverage line', () => {
  it('names the account and counts members with the language’s plural rules (0, 1, 2)', () => {
    const account = (found: number, total: number) => ({ id: 'globex', name: 'Globex', found, total });
    expect(coverageLine(account(0, 0), en)).toBe(
      'Zoom account Globex (globex): 0 of 0 members found by email.',
    );
    expect(coverageLine(account(1, 1), en)).toBe(
      'Zoom account Globex (globex): 1 of 1 member found by email.',
    );
    expect(coverageLine(account(1, 2), en)).toBe(
      'Zoom account Globex (globex): 1 of 2 members found by email.',
    );
    expect(coverageLine(account(0, 0), fr)).toBe(
      'Compte Zoom Globex (globex)\u00a0: 0 sur 0 membre trouvé par e-mail.',
    );
    expect(coverageLine(account(1, 1), fr)).toBe(
      'Compte Zoom Globex (globex)\u00a0: 1 sur 1 membre trouvé par e-mail.',
    );
    expect(coverageLine(account(1, 2), fr)).toBe(
      'Compte Zoom Globex (globex)\u00a0: 1 sur 2 membres trouvés par e-mail.',
    );
  });

  it('falls back to the account id when Zoom gave no name, escaped', () => {
    expect(coverageLine({ id: '<!here>', name: null, found: 0, total: 3 }, en)).toContain('&lt;!here&gt;');
  });
});

describe('parked approval DMs', () => {
  it('personal: names the Zoom email and the Slack email it does not match; Use this account / Cancel', () => {
    const dm = parkedApprovalDm(
      buildParked({
        kind: 'personal',
        reason: 'email_mismatch',
        zoomEmail: 'bob@other.test',
        slackEmail: 'alice@acme.test',
      }),
      en,
    );
    const text = allText(dm);
    expect(text).toContain('bob@other.test');
    expect(text).toContain('not your Slack email (alice@acme.test)');
    expect(text).toContain('press Cancel');
    expect(actionIdsOf(dm)).toEqual([ACTION.confirmParked, ACTION.cancelParked]);
    expect(text).toContain('Use this account');
  });

  it('org, other account: the current account keeps serving until a Slack admin switches (confirm dialog)', () => {
    const dm = parkedApprovalDm(buildParked(), en);
    const text = allText(dm);
    expect(text).toContain('owner@globex.test');
    expect(text).toContain('Zoom account Globex (globex): 1 of 6 members found by email.');
    expect(text).toContain('another Zoom account than the one serving everyone now (zoom-admin@acme.test)');
    expect(text).toContain('Switch account');
    expect(JSON.stringify(dm)).toContain('"confirm"');
  });

  it('org, zero coverage and requester no longer admin: each says why in both languages', () => {
    const zero = allText(parkedApprovalDm(buildParked({ reason: 'zero_coverage' }), en));
    expect(zero).toContain('it would serve nobody');
    const zeroFr = allText(parkedApprovalDm(buildParked({ reason: 'zero_coverage' }), fr));
    expect(zeroFr).toContain('il ne servirait à personne');
    const requester = allText(parkedApprovalDm(buildParked({ reason: 'requester_not_admin' }), en));
    expect(requester).toContain('<@U_SAM>, who asked for it, is no longer a Slack admin');
  });

  it('the approver is thanked and told there is nothing more to do', () => {
    expect(allText(parkedApproverDm(buildParked(), en))).toContain('You have nothing more to do.');
    expect(allText(parkedApproverDm(buildParked(), fr))).toContain('Vous n’avez plus rien à faire.');
  });

  it('once decided, the DM says what happened and has no button', () => {
    for (const outcome of ['confirmed', 'cancelled', 'expired'] as const) {
      const dm = parkedDecidedDm(
        { kind: 'org', outcome, zoomEmail: 'owner@globex.test', actorId: 'U_SAM', account: null, at: NOW },
        en,
      );
      expect(actionIdsOf(dm)).toEqual([]);
      expect(allText(dm)).toContain('owner@globex.test');
    }
    const confirmed = parkedDecidedDm(
      { kind: 'org', outcome: 'confirmed', zoomEmail: 'o@g.test', actorId: 'U_SAM', account: null, at: NOW },
      fr,
    );
    expect(allText(confirmed)).toContain('<@U_SAM> a confirmé le');
  });
});

describe('parked approvals on Home and /zoom-status', () => {
  it('Home shows them, with their buttons, before the admin sections', () => {
    const home = homeView(buildHome({ parked: [buildParked()] }), en);
    const text = allText(home);
    expect(text).toContain('Waiting for your confirmation');
    expect(text.indexOf('Waiting for your confirmation')).toBeLessThan(text.indexOf('Organization'));
    expect(actionIdsOf(home)).toContain(ACTION.confirmParked);
  });

  it('/zoom-status lists them too; nothing when there are none', () => {
    const withParked = statusMessage(buildStatus(), en, [
      buildParked({ kind: 'personal', reason: 'email_mismatch' }),
    ]);
    expect(actionIdsOf(withParked)).toContain(ACTION.cancelParked);
    expect(actionIdsOf(statusMessage(buildStatus(), en))).not.toContain(ACTION.cancelParked);
  });
});

describe('closed request DMs', () => {
  it('say what happened, who did it and when, with no button left', () => {
    const base = {
      workspaceName: 'Acme',
      actorId: 'U_ZOE',
      zoomEmail: 'z@acme.test',
      toId: 'U_BOB',
      at: NOW,
    };
    const expected = {
      completed: 'Zoom is connected for *Acme* with z@acme.test',
      superseded: 'No longer needed: <@U_ZOE> connected Zoom',
      declined: '<@U_ZOE> declined this request',
      cancelled: '<@U_ZOE> cancelled this request',
      expired: 'This request expired on',
      forwarded: 'Forwarded to <@U_BOB>',
      replaced: 'A fresh link replaced this one',
      awaiting_confirmation: 'Signed in to Zoom as z@acme.test',
    } as const;
    for (const [status, words] of Object.entries(expected)) {
      const dm = requestClosedDm({ ...base, status: status as keyof typeof expected }, en);
      expect(allText(dm)).toContain(words);
      expect(actionIdsOf(dm)).toEqual([]);
    }
  });
});

describe('recent activity says who did what (issue 17 §2)', () => {
  it('an org approval is Zoe’s in Zoom, asked for by Sam; a personal link is named as such; no raw kind', async () => {
    const { auditLine } = await import('../../../src/slack/views/home.js');
    const approved = auditLine(
      { type: 'org_connected', actorId: 'U_SAM', at: NOW, zoomEmail: 'zoe@acme.test', kind: null },
      en,
    );
    expect(approved).toContain(
      'Organization connection approved in Zoom by zoe@acme.test (asked by <@U_SAM>)',
    );
    const handover = auditLine(
      { type: 'org_handed_over', actorId: 'U_SAM', at: NOW, zoomEmail: 'olivia@acme.test', kind: null },
      fr,
    );
    expect(handover).toContain('transmise à l’admin Zoom olivia@acme.test (demandé par <@U_SAM>)');
    const personal = auditLine(
      { type: 'request_created', actorId: 'U_ALICE', at: NOW, zoomEmail: null, kind: 'personal' },
      en,
    );
    expect(personal).toContain('Personal connect link created by <@U_ALICE>');
    const sent = auditLine(
      { type: 'request_sent', actorId: 'U_SAM', at: NOW, zoomEmail: null, kind: null },
      en,
    );
    expect(sent).not.toContain('request_sent');
  });
});

describe('advice for admins is what admins can do (issue 17 §4)', () => {
  it('no organization connection: a member is told to ask an admin, an admin to connect for everyone', () => {
    const none = { active: null, noneReason: 'no_org_connection' as const };
    const member = allText(statusMessage(buildStatus(none), en));
    expect(member).toContain('ask a Slack admin');
    const admin = allText(statusMessage(buildStatus({ ...none, viewerIsAdmin: true }), en));
    expect(admin).not.toContain('ask a Slack admin');
    expect(admin).toContain('Connect Zoom for everyone with `/zoom-connect org`');
  });

  it('needs reconnecting: an admin is not told that “your Slack admins have been told”', () => {
    const broken = { active: null, noneReason: 'org_needs_reconnect' as const, viewerIsAdmin: true };
    const admin = allText(statusMessage(buildStatus(broken), fr));
    expect(admin).not.toContain('administrateurs Slack ont été prévenus');
    expect(admin).toContain('Reconnectez-le pour tout le monde');
  });
});

describe('connection alerts that stop being true (issue 17 §3, §8)', () => {
  it('the alert names its workspace; once resolved it says so and has no button', async () => {
    const { orgConnectionAlertDm, alertResolvedDm } = await import('../../../src/slack/views/index.js');
    const alert = orgConnectionAlertDm(
      {
        workspaceName: 'Globex Europe',
        status: 'needs_reconnect',
        reason: 'admin_role_lost',
        zoomEmail: 'z@acme.test',
        actorId: null,
        since: NOW,
        affectedMembers: 2,
      },
      en,
    );
    expect(allText(alert)).toContain('Workspace: *Globex Europe*');
    const resolved = alertResolvedDm(
      { kind: 'org', workspaceName: 'Globex Europe', zoomEmail: 'o@acme.test', at: NOW },
      fr,
    );
    expect(allText(resolved)).toContain('fonctionne de nouveau, avec o@acme.test');
    expect(actionIdsOf(resolved)).toEqual([]);
  });

  it('the Zoom admin behind it is told it was their Zoom user, with the reason', async () => {
    const { zoomUserStoppedDm } = await import('../../../src/slack/views/index.js');
    const dm = zoomUserStoppedDm(
      {
        workspaceName: 'Acme',
        status: 'needs_reconnect',
        reason: 'admin_role_lost',
        zoomEmail: 'zoe@acme.test',
        actorId: null,
        since: NOW,
        affectedMembers: null,
      },
      en,
    );
    expect(allText(dm)).toContain(
      'ran through your Zoom user zoe@acme.test, and it stopped: The Zoom user zoe@acme.test is no longer a Zoom admin.',
    );
  });
});
