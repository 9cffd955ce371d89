/** Who may receive an approval request (issue 17 §6): refusals are said under the field, by name. */
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/i18n/index.js';
import type { MemberView } from '../../../src/services/directory.js';
import { recipientProblem } from '../../../src/slack/listeners/views/recipient-check.js';

const t = createTranslator('en');
const member = (overrides: Partial<MemberView>): MemberView => ({
  slackUserId: 'U_CAROL',
  name: 'carol',
  realName: 'Carol Jones',
  email: 'carol@acme.test',
  isAdmin: false,
  deleted: false,
  locale: null,
  tz: null,
  optedOut: false,
  personalStatus: 'none',
  zoomMatch: 'unknown',
  ...overrides,
});

function servicesWith(directory: Map<string, MemberView>, fromSlack: Map<string, MemberView> = new Map()) {
  let slackReads = 0;
  const services = {
    directory: {
      getMember: async (_w: string, id: string) => directory.get(id) ?? null,
      isAdminFresh: async (_w: string, id: string) => {
        slackReads += 1;
        const found = fromSlack.get(id);
        if (found) directory.set(id, found);
        return false;
      },
    },
  };
  return { deps: { services } as never, reads: () => slackReads };
}

const ask = (deps: never, recipientId: string) =>
  recipientProblem(deps, t, {
    workspaceId: 'T1',
    actorId: 'U_SAM',
    recipientId,
    selfKey: 'validation.recipient_is_self',
  });

describe('recipientProblem', () => {
  it('refuses the requester, an app, and a deactivated member, each with its reason', async () => {
    const { deps } = servicesWith(new Map([['U_CAROL', member({ deleted: true })]]));
    expect(await ask(deps, 'U_SAM')).toContain('You picked yourself');
    expect(await ask(deps, 'B_APP')).toBe('Pick a person, not an app.');
    expect(await ask(deps, 'U_CAROL')).toBe(
      'Carol Jones is deactivated in Slack and cannot approve: pick someone else.',
    );
  });

  it('accepts an active member, and reads one the directory does not know yet from Slack once', async () => {
    const { deps, reads } = servicesWith(
      new Map([['U_ZOE', member({ slackUserId: 'U_ZOE' })]]),
      new Map([['U_NEW', member({ slackUserId: 'U_NEW' })]]),
    );
    expect(await ask(deps, 'U_ZOE')).toBeNull();
    expect(await ask(deps, 'U_NEW')).toBeNull();
    expect(reads()).toBe(1);
  });
});
