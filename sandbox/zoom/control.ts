/**
 * In-process control of the stand-in (what tests call directly); the `/_sandbox/` HTTP routes
 * are thin wrappers over it. Changes that Zoom would announce send the matching webhook
 * (notifications.ts decides who hears what).
 */
import { randomBytes } from 'node:crypto';
import { operatorOf } from './event-payloads.js';
import type { Fault, FaultBook, FaultInput } from './faults.js';
import type { LoginHint } from './login-hint.js';
import type { ZoomNotifier } from './notifications.js';
import { isAdminRole } from './roles.js';
import { zoomEncryptedToken } from './signing.js';
import type { WebhookDelivery, WebhookSender } from './webhook-sender.js';
import type {
  ConsentOutcome,
  SandboxApp,
  SandboxMeeting,
  SandboxUser,
  UserStatus,
  WorldSnapshot,
  ZoomWorld,
} from './world.js';

/** `token_requests`: requests that reached `/oauth/token` per grant type (`authorization_code`, `refresh_token`, `other`), plus `revoke`. */
export interface ZoomState extends WorldSnapshot {
  webhook_target: string | null;
  webhook_deliveries: WebhookDelivery[];
  faults: Fault[];
  /** The user Zoom's consent page starts on (sandbox only; see `setLoginHint`). */
  login_hint: string | null;
}

export interface DeauthorizeOptions {
  /** What the person chose when removing the app; default false (the app must delete their data). */
  userDataRetention?: boolean;
}

export interface ZoomControl {
  /** What Zoom does when `email` opens `authorizeUrl` and clicks Allow: the redirect, or the refusal message. */
  consent(authorizeUrl: string, email: string): ConsentOutcome;
  /** Changes a user's role (any role of their account, custom ones included) or status, as an admin would. */
  setUser(email: string, patch: { role_name?: string; status?: UserStatus }): Promise<SandboxUser>;
  deleteUser(email: string): Promise<void>;
  /** The user leaves their account (`user.disassociated`). */
  disassociateUser(email: string): Promise<SandboxUser>;
  /**
   * `email` removes the app in Zoom and `app_deauthorized` is sent with their user id. A
   * user-managed app: their own grant dies. An admin-managed app (installed account-wide): any
   * admin of the account may remove it, and every grant of it in that account dies.
   */
  deauthorize(clientId: string, email: string, options?: DeauthorizeOptions): Promise<{ revoked: number }>;
  /** Deletes a meeting "in Zoom" (by its host unless `operatorEmail` says who) and sends `meeting.deleted`. */
  deleteMeeting(meetingId: number, operatorEmail?: string): Promise<SandboxMeeting>;
  /** Sandbox only: the user the consent page starts on (null: the first user). */
  setLoginHint(email: string | null): void;
  setWebhookTarget(url: string | null): void;
  addFault(fault: FaultInput): Fault;
  clearFaults(): void;
  /** Makes live access tokens (of one user, or all) expire now at Zoom: the next API call gets 401/124. */
  expireAccessTokens(email?: string): number;
  /** Kills grants silently (no webhook), e.g. to simulate a token revoked elsewhere. */
  revokeTokens(email: string, clientId?: string): number;
  /** Sends any event as `clientId`'s app would receive it. */
  sendWebhook(clientId: string, event: string, payload: unknown): Promise<WebhookDelivery>;
  /** Sends `endpoint.url_validation` and checks the answer as Zoom does. */
  validateEndpoint(clientId: string): Promise<{ ok: boolean; delivery: WebhookDelivery }>;
  /** Waits for the events the API sends after answering (e.g. `meeting.deleted` after a DELETE). */
  webhooksSettled(): Promise<void>;
  state(): ZoomState;
  tokenRequests(): Record<string, number>;
}

/** A control call that cannot be done; `status` is what the HTTP control API answers. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

export function createZoomControl(deps: {
  world: ZoomWorld;
  faults: FaultBook;
  webhooks: WebhookSender;
  notifier: ZoomNotifier;
  loginHint: LoginHint;
}): ZoomControl {
  const { world, faults, webhooks, notifier, loginHint } = deps;

  function requireApp(clientId: string): SandboxApp {
    const app = world.app(clientId);
    if (!app) throw new ControlError(404, `Unknown client_id ${clientId}`);
    return app;
  }

  function requireUser(email: string): SandboxUser {
    const user = world.findUser(email);
    if (!user) throw new ControlError(404, `No Zoom user ${email}`);
    return user;
  }

  async function changeStatus(user: SandboxUser, status: UserStatus): Promise<void> {
    const listeners = notifier.subscribers(user.account_id, user.id);
    const { before, after } = world.updateUser(user.email, { status });
    const operator = notifier.accountOperator(after.account_id);
    if (before.status === 'active' && after.status === 'inactive') {
      await notifier.userLifecycle(listeners, 'user.deactivated', after, operator);
    } else if (before.status !== 'active' && after.status === 'active') {
      await notifier.userLifecycle(listeners, 'user.activated', after, operator);
    }
  }

  return {
    consent(authorizeUrl, email) {
      let params: URLSearchParams;
      try {
        params = new URL(authorizeUrl).searchParams;
      } catch {
        throw new ControlError(400, 'authorize_url is not a URL');
      }
      const check = world.checkAuthorize(params);
      if (!check.ok) throw new ControlError(400, check.message);
      return world.consent(params, email);
    },
    async setUser(email, patch) {
      const user = requireUser(email);
      if (patch.role_name !== undefined && !world.findRole(user.account_id, patch.role_name)) {
        const roles = world.accounts().find((account) => account.id === user.account_id)?.roles ?? [];
        throw new ControlError(
          400,
          `Account ${user.account_id} has no role ${patch.role_name} (roles: ${roles.map((r) => r.name).join(', ')})`,
        );
      }
      if (patch.role_name !== undefined) {
        const listeners = notifier.subscribers(user.account_id, user.id);
        const { before, after } = world.updateUser(email, { role_name: patch.role_name });
        await notifier.userUpdated(listeners, before, after, notifier.accountOperator(after.account_id));
      }
      if (patch.status !== undefined) await changeStatus(user, patch.status);
      return { ...requireUser(email) };
    },
    async deleteUser(email) {
      const user = requireUser(email);
      const listeners = notifier.subscribers(user.account_id, user.id);
      const operator = notifier.accountOperator(user.account_id);
      world.deleteUser(email);
      await notifier.userLifecycle(listeners, 'user.deleted', user, operator);
    },
    async disassociateUser(email) {
      const user = requireUser(email);
      const listeners = notifier.subscribers(user.account_id, user.id);
      const operator = notifier.accountOperator(user.account_id);
      const { before, after } = world.disassociateUser(email);
      await notifier.userLifecycle(listeners, 'user.disassociated', before, operator);
      return after;
    },
    async deauthorize(clientId, email, options = {}) {
      const app = requireApp(clientId);
      const user = requireUser(email);
      let revoked: number;
      if (app.kind === 'admin') {
        const holdsIt = world
          .activeGrants()
          .some((grant) => grant.clientId === clientId && grant.userId === user.id);
        if (!holdsIt && !isAdminRole(world.roleOf(user))) {
          throw new ControlError(
            403,
            `${email} is not an admin of account ${user.account_id}: only an admin can remove ${app.name}`,
          );
        }
        revoked = world.revokeGrants({ clientId, accountId: user.account_id }, 'deauthorized').length;
      } else {
        revoked = world.revokeGrants({ email, clientId }, 'deauthorized').length;
      }
      await notifier.appDeauthorized(app, {
        accountId: user.account_id,
        userId: user.id,
        userDataRetention: options.userDataRetention ?? false,
      });
      return { revoked };
    },
    async deleteMeeting(meetingId, operatorEmail) {
      const meeting = world.findMeeting(meetingId);
      if (!meeting) throw new ControlError(404, `No meeting ${meetingId}`);
      const operatorUser =
        operatorEmail === undefined ? world.findUser(meeting.host_id) : requireUser(operatorEmail);
      const operator = operatorUser ? operatorOf(operatorUser) : notifier.accountOperator(meeting.account_id);
      const listeners = notifier.subscribers(meeting.account_id, meeting.host_id);
      world.deleteMeeting(meetingId);
      await notifier.meetingDeleted(listeners, meeting, operator);
      return meeting;
    },
    setLoginHint: (email) => loginHint.set(email),
    setWebhookTarget: (url) => webhooks.setTarget(url),
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    expireAccessTokens: (email) => world.expireAccessTokens(email),
    revokeTokens: (email, clientId) =>
      world.revokeGrants({ email, ...(clientId === undefined ? {} : { clientId }) }, 'revoked').length,
    sendWebhook: (clientId, event, payload) => webhooks.send(requireApp(clientId), event, payload),
    async validateEndpoint(clientId) {
      const app = requireApp(clientId);
      const plainToken = randomBytes(16).toString('base64url');
      const delivery = await webhooks.send(app, 'endpoint.url_validation', { plainToken });
      let ok = false;
      try {
        const answer: unknown = JSON.parse(delivery.response ?? '');
        ok =
          delivery.status === 200 &&
          typeof answer === 'object' &&
          answer !== null &&
          'plainToken' in answer &&
          'encryptedToken' in answer &&
          answer.plainToken === plainToken &&
          answer.encryptedToken === zoomEncryptedToken(app.webhook_secret, plainToken);
      } catch {
        ok = false;
      }
      return { ok, delivery };
    },
    webhooksSettled: () => notifier.settled(),
    state() {
      const snapshot = world.snapshot();
      return {
        ...snapshot,
        webhook_target: webhooks.target(),
        webhook_deliveries: webhooks.deliveries(),
        faults: faults.list(),
        login_hint: loginHint.get(),
      };
    },
    tokenRequests: () => world.tokenRequests(),
  };
}
