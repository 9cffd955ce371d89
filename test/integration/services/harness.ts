// One database per test file, services wired with fakes for Zoom and Slack and a settable clock.
import mongoose from 'mongoose';
import { createTokenCipher, generateEncryptionKey } from '../../../src/crypto/token-cipher.js';
import {
  type CredentialDoc,
  createModels,
  ensureIndexes,
  type Models,
} from '../../../src/db/models/index.js';
import {
  type CallbackResult,
  completeServices,
  createCoreServices,
  type MeetingEndedEvent,
  type Services,
} from '../../../src/services/index.js';
import type {
  CoreNotifier,
  OrgConnectionLostEvent,
  SlackDirectory,
  SlackProfile,
} from '../../../src/services/ports.js';
import { startTestDatabase, type TestDatabase, uniqueDatabaseUri } from '../../support/database.js';
import { buildAdminProfile, buildSlackProfile } from '../../support/factories.js';
import { createFakeZoomGateway, type FakeZoomGateway } from '../../support/fake-zoom-gateway.js';

export interface FakeSlack extends SlackDirectory {
  add(workspaceId: string, profile: SlackProfile): SlackProfile;
  userInfoCalls: number;
  pageSize: number;
}

export function createFakeSlack(): FakeSlack {
  const byWorkspace = new Map<string, Map<string, SlackProfile>>();
  const fake: FakeSlack = {
    userInfoCalls: 0,
    pageSize: 200,
    add(workspaceId, profile) {
      const users = byWorkspace.get(workspaceId) ?? new Map<string, SlackProfile>();
      users.set(profile.id, profile);
      byWorkspace.set(workspaceId, users);
      return profile;
    },
    async userInfo(workspaceId, userId) {
      fake.userInfoCalls += 1;
      return byWorkspace.get(workspaceId)?.get(userId) ?? null;
    },
    async listUsers(workspaceId, cursor) {
      const all = [...(byWorkspace.get(workspaceId)?.values() ?? [])];
      const start = cursor ? Number(cursor) : 0;
      const users = all.slice(start, start + fake.pageSize);
      const end = start + users.length;
      return end < all.length ? { users, nextCursor: String(end) } : { users };
    },
  };
  return fake;
}

/** A notifier that records what the services asked it to tell (no Slack here). */
export interface RecordingNotifier extends CoreNotifier {
  org: OrgConnectionLostEvent[];
  personal: Array<{ workspaceId: string; slackUserId: string; reason: string }>;
  expired: string[];
  reminded: string[];
  ended: MeetingEndedEvent[];
}

export function createRecordingNotifier(): RecordingNotifier {
  const told: RecordingNotifier = {
    org: [],
    personal: [],
    expired: [],
    reminded: [],
    ended: [],
    async meetingEnded(event) {
      told.ended.push(event);
    },
    async orgConnectionLost(event) {
      told.org.push(event);
    },
    async personalConnectionLost(event) {
      told.personal.push({
        workspaceId: event.workspaceId,
        slackUserId: event.slackUserId,
        reason: event.reason,
      });
    },
    async requestExpired(request) {
      told.expired.push(request.id);
    },
    async approvalReminder(request) {
      told.reminded.push(request.id);
    },
  };
  return told;
}

export interface Harness {
  db: TestDatabase;
  connection: mongoose.Connection;
  models: Models;
  services: Services;
  zoom: FakeZoomGateway;
  slack: FakeSlack;
  /** What the services told people (recorded, not sent). */
  told: RecordingNotifier;
  /** Waits for the work the services deferred until after their answer (the telling). */
  flush(): Promise<void>;
  /** The sealed credential a connection document holds, through its grant (null when none). */
  credentialOf(doc: { grantId?: unknown } | null | undefined): Promise<CredentialDoc | null>;
  /** The services' clock; tests move it with `advance`. */
  now: { value: Date };
  advance(ms: number): void;
  stop(): Promise<void>;
}

export const PUBLIC_URL = 'https://app.example.test';

export async function startHarness(name: string): Promise<Harness> {
  const db = await startTestDatabase();
  const connection = mongoose.createConnection(uniqueDatabaseUri(db.uri, name));
  await connection.asPromise();
  const models = createModels(connection);
  await ensureIndexes(models);
  const zoom = createFakeZoomGateway();
  const slack = createFakeSlack();
  const now = { value: new Date('2026-03-02T09:00:00Z') };
  const cipher = createTokenCipher([generateEncryptionKey('test')]);
  const deps = {
    models,
    zoom,
    slack,
    cipher,
    publicUrl: PUBLIC_URL,
    zoomClientIds: { org: 'org-app', user: 'user-app' },
    clock: () => new Date(now.value),
  };
  const told = createRecordingNotifier();
  const deferred: Promise<void>[] = [];
  const services = completeServices(createCoreServices(deps), {
    ...deps,
    notifier: told,
    // Started at once and collected, so a test can wait for it (the app queues it after the answer).
    defer: (_label, _context, work) => {
      deferred.push(work());
    },
  });
  return {
    db,
    connection,
    models,
    services,
    zoom,
    slack,
    told,
    async credentialOf(doc) {
      if (!doc?.grantId) return null;
      const grant = await models.zoomGrants.findOne({ _id: doc.grantId }).lean();
      return grant?.credential ?? null;
    },
    async flush() {
      while (deferred.length > 0) await Promise.all(deferred.splice(0));
    },
    now,
    advance(ms) {
      now.value = new Date(now.value.getTime() + ms);
    },
    async stop() {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
      await db.stop();
    },
  };
}

/**
 * A workspace with one Slack admin and one member, both synced into the directory. The Slack admin
 * is also a (Member) user of the Acme Zoom account, so an approval there covers at least one
 * member; the member has no Zoom user unless a test adds one.
 */
export async function seedWorkspace(h: Harness, workspaceId: string) {
  const admin = h.slack.add(workspaceId, buildAdminProfile({ realName: `Admin of ${workspaceId}` }));
  const member = h.slack.add(workspaceId, buildSlackProfile({ realName: `Member of ${workspaceId}` }));
  if (admin.email && !h.zoom.users.has(admin.email))
    h.zoom.addUser({ email: admin.email, accountId: 'acme' });
  await h.services.settings.ensureWorkspace(workspaceId, { name: `Workspace ${workspaceId}` });
  await h.services.directory.syncFromSlack(workspaceId);
  return { admin, member };
}

/**
 * Runs the whole org approval: request → open → consent in Zoom → callback. An approval parked for
 * a Slack admin's yes (another account, no member covered) is confirmed by the requester unless
 * `confirm: false` — the tests about parking say so.
 */
export async function connectOrg(
  h: Harness,
  workspaceId: string,
  adminId: string,
  zoomEmail: string,
  options: { confirm?: boolean } = {},
): Promise<CallbackResult> {
  const { link } = await h.services.approvals.create(workspaceId, { kind: 'org', requesterId: adminId });
  const token = link.split('/').at(-1) ?? '';
  const { authorizeUrl } = await h.services.approvals.open(token, 'org');
  const { state, code } = h.zoom.consent(authorizeUrl, zoomEmail);
  const result = await h.services.approvals.handleCallback({ state, code });
  return confirmed(h, workspaceId, adminId, result, options.confirm ?? true);
}

/** The member's own link; a Zoom user with another email than the member's is confirmed by them unless `confirm: false`. */
export async function connectPersonal(
  h: Harness,
  workspaceId: string,
  slackUserId: string,
  zoomEmail: string,
  options: { confirm?: boolean } = {},
): Promise<CallbackResult> {
  const { link } = await h.services.approvals.create(workspaceId, {
    kind: 'personal',
    requesterId: slackUserId,
  });
  const token = link.split('/').at(-1) ?? '';
  const { authorizeUrl } = await h.services.approvals.open(token, 'personal');
  const { state, code } = h.zoom.consent(authorizeUrl, zoomEmail);
  const result = await h.services.approvals.handleCallback({ state, code });
  return confirmed(h, workspaceId, slackUserId, result, options.confirm ?? true);
}

/** A parked result confirmed in Slack by `actorId`, reported as the completion it then is. */
async function confirmed(
  h: Harness,
  workspaceId: string,
  actorId: string,
  result: CallbackResult,
  confirm: boolean,
): Promise<CallbackResult> {
  if (result.outcome !== 'parked' || !confirm) return result;
  const done = await h.services.approvals.confirmParked(workspaceId, result.request.id, actorId);
  if (done.outcome !== 'confirmed') throw new Error('the parked approval was not confirmed');
  const org = await h.services.connections.getOrg(workspaceId);
  return {
    outcome: 'completed',
    request: done.request,
    zoomEmail: done.zoomEmail,
    workspaceName: result.workspaceName,
    memberName: result.memberName,
    account: done.account,
    generation: result.request.kind === 'org' ? org?.generation : undefined,
    handedOverFrom: null,
    superseded: done.superseded,
  };
}

export function tokenOf(link: string): string {
  return link.split('/').at(-1) ?? '';
}
