/**
 * In-process control of the stand-in (what tests call directly); the `/_sandbox/` HTTP routes
 * are thin wrappers over it. Changes that Zoom would announce send the matching webhook.
 */
import { randomBytes } from 'node:crypto';
import type { Fault, FaultBook, FaultInput } from './faults.js';
import { zoomEncryptedToken } from './signing.js';
import type { WebhookDelivery, WebhookSender } from './webhook-sender.js';
import type {
  ConsentOutcome,
  SandboxApp,
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
}

export interface ZoomControl {
  /** What Zoom does when `email` opens `authorizeUrl` and clicks Allow: the redirect, or the refusal message. */
  consent(authorizeUrl: string, email: string): ConsentOutcome;
  setUser(email: string, patch: { role_name?: string; status?: UserStatus }): Promise<SandboxUser>;
  deleteUser(email: string): Promise<void>;
  /** The user removes the app in Zoom: its grants die and `app_deauthorized` is sent. */
  deauthorize(clientId: string, email: string): Promise<{ revoked: number }>;
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
  clock: () => Date;
}): ZoomControl {
  const { world, faults, webhooks, clock } = deps;

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

  /**
   * Admin-managed apps are installed account-wide, so they hear about every user of the account;
   * a user-managed app only hears about users who authorized it.
   */
  function subscribers(user: SandboxUser): SandboxApp[] {
    const live = world.activeGrants();
    return world
      .apps()
      .filter(
        (app) =>
          app.kind === 'admin' ||
          live.some((grant) => grant.clientId === app.client_id && grant.userId === user.id),
      );
  }

  async function announce(apps: SandboxApp[], event: string, payload: unknown): Promise<void> {
    for (const app of apps) await webhooks.send(app, event, payload);
  }

  function operator(): { operator: string; operator_id: string } {
    const owner = world.users().find((user) => user.role_name === 'Owner');
    return { operator: owner?.email ?? 'owner@zoom.test', operator_id: owner?.id ?? 'owner' };
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
      const listeners = subscribers(user);
      const { before, after } = world.updateUser(email, patch);
      const changed: Record<string, unknown> = {};
      const old: Record<string, unknown> = {};
      for (const field of ['role_name', 'role_id', 'status'] as const) {
        if (before[field] !== after[field]) {
          changed[field] = after[field];
          old[field] = before[field];
        }
      }
      const base = { account_id: after.account_id, ...operator(), time_stamp: clock().getTime() };
      await announce(listeners, 'user.updated', {
        ...base,
        object: { id: after.id, email: after.email, ...changed },
        old_object: { id: after.id, email: after.email, ...old },
      });
      if (before.status === 'active' && after.status === 'inactive') {
        await announce(listeners, 'user.deactivated', {
          ...base,
          object: {
            id: after.id,
            first_name: after.first_name,
            last_name: after.last_name,
            email: after.email,
            type: after.type,
          },
        });
      }
      return after;
    },
    async deleteUser(email) {
      const user = requireUser(email);
      const listeners = subscribers(user);
      world.deleteUser(email);
      await announce(listeners, 'user.deleted', {
        account_id: user.account_id,
        ...operator(),
        object: {
          id: user.id,
          first_name: user.first_name,
          last_name: user.last_name,
          email: user.email,
          type: user.type,
        },
      });
    },
    async deauthorize(clientId, email) {
      const app = requireApp(clientId);
      const user = requireUser(email);
      const revoked = world.revokeGrants({ email, clientId }, 'deauthorized');
      await webhooks.send(app, 'app_deauthorized', {
        account_id: user.account_id,
        user_id: user.id,
        signature: randomBytes(32).toString('hex'),
        deauthorization_time: clock().toISOString(),
        client_id: clientId,
      });
      return { revoked: revoked.length };
    },
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
    state() {
      const snapshot = world.snapshot();
      return {
        ...snapshot,
        webhook_target: webhooks.target(),
        webhook_deliveries: webhooks.deliveries(),
        faults: faults.list(),
      };
    },
    tokenRequests: () => world.tokenRequests(),
  };
}
