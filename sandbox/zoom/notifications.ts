/**
 * Which app hears of what, and sending it. Zoom delivers an account's events to the apps installed
 * in that account: an admin-managed app is installed account-wide by an admin, so it hears about
 * every user of that account (and of no other account); a user-managed app only about the users
 * who authorized it. Subscribers are worked out before the change that may revoke their grant (a
 * deleted user's own grants die with them, yet Zoom still tells those apps).
 */
import type { SandboxUser } from './directory.js';
import {
  appDeauthorizedPayload,
  meetingDeletedPayload,
  type Operator,
  operatorOf,
  userLifecyclePayload,
  userUpdatedPayload,
} from './event-payloads.js';
import type { SandboxMeeting } from './meetings.js';
import type { WebhookDelivery, WebhookSender } from './webhook-sender.js';
import type { SandboxApp, ZoomWorld } from './world.js';

export type UserLifecycleEvent =
  | 'user.deleted'
  | 'user.deactivated'
  | 'user.activated'
  | 'user.disassociated';

export interface ZoomNotifier {
  /** The apps that hear about `userId` of `accountId`, as of now. */
  subscribers(accountId: string, userId: string): SandboxApp[];
  /** The account's Owner as the operator of changes made "in Zoom's admin portal". */
  accountOperator(accountId: string): Operator;
  userUpdated(apps: SandboxApp[], before: SandboxUser, after: SandboxUser, operator: Operator): Promise<void>;
  userLifecycle(
    apps: SandboxApp[],
    event: UserLifecycleEvent,
    user: SandboxUser,
    operator: Operator,
  ): Promise<void>;
  meetingDeleted(apps: SandboxApp[], meeting: SandboxMeeting, operator: Operator): Promise<void>;
  appDeauthorized(
    app: SandboxApp,
    input: { accountId: string; userId: string; userDataRetention: boolean },
  ): Promise<WebhookDelivery>;
  /** Sends later (after an API answer, as Zoom does); `settled()` waits for what is in flight. */
  later(send: () => Promise<unknown>): void;
  settled(): Promise<void>;
}

export function createZoomNotifier(deps: {
  world: ZoomWorld;
  webhooks: WebhookSender;
  clock: () => Date;
}): ZoomNotifier {
  const { world, webhooks, clock } = deps;
  const inFlight = new Set<Promise<unknown>>();

  async function announce(apps: SandboxApp[], event: string, payload: unknown): Promise<void> {
    for (const app of apps) await webhooks.send(app, event, payload);
  }

  return {
    subscribers(accountId, userId) {
      const live = world.activeGrants();
      return world
        .apps()
        .filter((app) =>
          live.some(
            (grant) =>
              grant.clientId === app.client_id &&
              (app.kind === 'admin' ? grant.accountId === accountId : grant.userId === userId),
          ),
        );
    },
    accountOperator(accountId) {
      const owner = world.users().find((user) => user.account_id === accountId && user.role_id === '0');
      return owner ? operatorOf(owner) : { operator: `owner@${accountId}.zoom.test`, operator_id: 'owner' };
    },
    async userUpdated(apps, before, after, operator) {
      const payload = userUpdatedPayload(before, after, operator, clock().getTime());
      if (payload) await announce(apps, 'user.updated', payload);
    },
    userLifecycle: (apps, event, user, operator) =>
      announce(apps, event, userLifecyclePayload(user, operator)),
    meetingDeleted: (apps, meeting, operator) =>
      announce(apps, 'meeting.deleted', meetingDeletedPayload(meeting, operator)),
    appDeauthorized(app, input) {
      // The deauthorization notification's `event_ts` is a string in Zoom's guide, unlike other events.
      return webhooks.send(
        app,
        'app_deauthorized',
        appDeauthorizedPayload({ ...input, clientId: app.client_id, at: clock() }),
        { eventTsAsString: true },
      );
    },
    later(send) {
      const running = send().catch(() => undefined);
      inFlight.add(running);
      void running.finally(() => inFlight.delete(running));
    },
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
