import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/i18n/index.js';
import { escapeMrkdwn, mention, truncateMrkdwn } from '../../../src/slack/views/blocks.js';
import {
  approvalRequestDm,
  connectModal,
  homeView,
  meetingMessage,
  notZoomAdminDm,
  settingsModal,
  statusMessage,
  zoomUserNotFoundMessage,
} from '../../../src/slack/views/index.js';
import {
  buildAdminData,
  buildApproval,
  buildHome,
  buildSettings,
  buildStatus,
  NASTY_50,
} from './factories.js';
import { allText } from './inspect.js';

const t = createTranslator('en');
const ESCAPED = '&lt;!channel&gt; &amp; &lt;@U999|x&gt;';

describe('mrkdwn escaping of user-provided text', () => {
  it('escapes &, < and >', () => {
    expect(escapeMrkdwn('a & b <c> <!here>')).toBe('a &amp; b &lt;c&gt; &lt;!here&gt;');
  });

  it('renders mentions only for real Slack ids', () => {
    expect(mention('U123ABC')).toBe('<@U123ABC>');
    expect(mention('<!channel>')).toBe('&lt;!channel&gt;');
  });

  it('never cuts an entity or a <…> token when truncating', () => {
    const cut = truncateMrkdwn(`${'x'.repeat(8)}&amp;<@U123>`, 11);
    expect(cut).toBe(`${'x'.repeat(8)}…`);
    expect(truncateMrkdwn('ab<@U123>cd', 6)).toBe('ab…');
  });

  const surfaces: Array<[string, unknown]> = [
    [
      'approval DM (workspace + note)',
      approvalRequestDm(buildApproval({ workspaceName: NASTY_50, note: NASTY_50 }), t),
    ],
    [
      'meeting (topic + host)',
      meetingMessage(
        {
          topic: NASTY_50,
          joinUrl: 'https://z.test/j/1',
          meetingId: '1',
          hostEmail: NASTY_50,
          source: 'org',
          createdBy: 'U1',
          startTime: null,
          autoStartSummary: false,
        },
        t,
      ),
    ],
    [
      'status (email)',
      statusMessage(buildStatus({ active: { source: 'personal', zoomEmail: NASTY_50, since: null } }), t),
    ],
    ['not-admin DM (email + role)', notZoomAdminDm({ zoomEmail: NASTY_50, roleName: NASTY_50 }, t)],
    ['zoom user not found', zoomUserNotFoundMessage({ email: NASTY_50 }, t)],
    [
      'connect modal (workspace)',
      connectModal(
        {
          isAdmin: true,
          workspaceName: NASTY_50,
          scope: null,
          orgPath: null,
          scopeLocked: false,
          org: null,
          personal: { status: 'none', zoomEmail: null },
        },
        t,
      ),
    ],
    ['settings modal (workspace)', settingsModal(buildSettings({ workspaceName: NASTY_50 }), t)],
    [
      'home (audit type)',
      homeView(
        buildHome({
          admin: buildAdminData({
            audit: [{ type: NASTY_50, actorId: null, at: new Date(), zoomEmail: NASTY_50, kind: null }],
          }),
        }),
        t,
      ),
    ],
  ];

  it.each(surfaces)(
    '%s: shows the text escaped and never a raw broadcast or link token',
    (_name, payload) => {
      const text = allText(payload);
      expect(text).toContain(ESCAPED);
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<@U999|x>');
    },
  );
});
