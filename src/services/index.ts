import type { Logger } from 'pino';
import type { Models } from '../db/models/index.js';
import type { ZoomGateway } from '../zoom/contracts.js';
import { type ApprovalsService, createApprovalsService } from './approvals/index.js';
import { type AuditService, createAuditService } from './audit.js';
import { type ConnectedUsersService, createConnectedUsersService } from './connected-users.js';
import { type ConnectionAlertsService, createConnectionAlertsService } from './connection-alerts.js';
import { type ConnectionLossService, createConnectionLossService } from './connection-loss.js';
import { type ConnectionsService, createConnectionsService } from './connections.js';
import { createDirectoryService, type DirectoryService } from './directory.js';
import { createGrantsService, type GrantsService } from './grants.js';
import { createHealthService, type HealthService } from './health.js';
import { createMeetingsService, type MeetingsService } from './meetings/index.js';
import type { Clock, CoreNotifier, Defer, SecretCipher, SlackDirectory } from './ports.js';
import { createRequestNoticesService, type RequestNoticesService } from './request-notices.js';
import { createSettingsService, type SettingsService } from './settings.js';
import { createStatusService, type StatusService } from './status.js';
import { createWorkspaceLifecycleService, type WorkspaceLifecycleService } from './workspace-lifecycle.js';
import { createZoomEventHandler, type ZoomEventHandler } from './zoom-events.js';

export interface ServicesDeps {
  models: Models;
  zoom: ZoomGateway;
  slack: SlackDirectory;
  /** Encrypts the PKCE verifier and the link token at rest (src/crypto's TokenCipher). */
  cipher: SecretCipher;
  /** External base URL; approval links are `${publicUrl}/zoom/approve/<token>`. */
  publicUrl: string;
  /** Our two Zoom apps' client ids (webhooks naming another client are not ours). */
  zoomClientIds: { org: string; user: string };
  /** How long a personal link lives (default 30 minutes). */
  personalLinkTtlMs?: number | undefined;
  /** How long an uninstalled workspace's personal data is kept (DATA_RETENTION_DAYS, default 30). */
  dataRetentionDays?: number | undefined;
  clock?: Clock | undefined;
  logger?: Logger | undefined;
}

/** The services that read and change state without telling anybody (the notifier is built on these). */
export interface CoreServices {
  audit: AuditService;
  grants: GrantsService;
  settings: SettingsService;
  directory: DirectoryService;
  connections: ConnectionsService;
  approvals: ApprovalsService;
  status: StatusService;
  connectedUsers: ConnectedUsersService;
  lifecycle: WorkspaceLifecycleService;
  alerts: ConnectionAlertsService;
}

/** Everything, including the services that tell people through the notifier port. */
export interface Services extends CoreServices {
  connectionLoss: ConnectionLossService;
  meetings: MeetingsService;
  health: HealthService;
  zoomEvents: ZoomEventHandler;
  requestNotices: RequestNoticesService;
}

/** Step one: the core services over one set of models; `directory` is also the admin check. */
export function createCoreServices(deps: ServicesDeps): CoreServices {
  const common = { clock: deps.clock, logger: deps.logger };
  const directory = createDirectoryService({ ...common, models: deps.models, slack: deps.slack });
  const admin = directory;
  const audit = createAuditService({ ...common, models: deps.models, admin });
  const settings = createSettingsService({ ...common, models: deps.models, admin, audit });
  const grants = createGrantsService({ ...common, models: deps.models, zoom: deps.zoom });
  const connections = createConnectionsService({
    ...common,
    models: deps.models,
    grants,
    admin,
    audit,
    settings,
  });
  const approvals = createApprovalsService({
    ...common,
    models: deps.models,
    zoom: deps.zoom,
    cipher: deps.cipher,
    publicUrl: deps.publicUrl,
    admin,
    audit,
    connections,
    grants,
    settings,
    personalLinkTtlMs: deps.personalLinkTtlMs,
  });
  const status = createStatusService({ ...common, models: deps.models, admin, settings });
  const connectedUsers = createConnectedUsersService({ ...common, models: deps.models, admin, settings });
  const lifecycle = createWorkspaceLifecycleService({
    ...common,
    models: deps.models,
    grants,
    audit,
    retentionDays: deps.dataRetentionDays ?? 30,
  });
  const alerts = createConnectionAlertsService(deps.models);
  return {
    audit,
    grants,
    settings,
    directory,
    connections,
    approvals,
    status,
    connectedUsers,
    lifecycle,
    alerts,
  };
}

/**
 * Step two: the services that tell people, given the notifier (a port the Slack layer builds on
 * the core services) and `defer` (where the telling runs: after the current answer).
 */
export function completeServices(
  core: CoreServices,
  deps: ServicesDeps & { notifier: CoreNotifier; defer: Defer },
): Services {
  const common = { clock: deps.clock, logger: deps.logger };
  const { models, zoom, notifier } = deps;
  const connectionLoss = createConnectionLossService({
    ...common,
    models,
    admin: core.directory,
    audit: core.audit,
    settings: core.settings,
    connections: core.connections,
    grants: core.grants,
    notifier,
    defer: deps.defer,
  });
  const meetings = createMeetingsService({
    ...common,
    models,
    zoom,
    ...core,
    connectionLoss,
    notifier,
    defer: deps.defer,
  });
  const health = createHealthService({
    ...common,
    models,
    zoom,
    connections: core.connections,
    connectionLoss,
  });
  const zoomEvents = createZoomEventHandler({
    ...common,
    connections: core.connections,
    connectionLoss,
    zoom,
    notifier,
    clientIds: deps.zoomClientIds,
    lifecycle: core.lifecycle,
    meetings,
  });
  const requestNotices = createRequestNoticesService({ approvals: core.approvals, notifier });
  return { ...core, connectionLoss, meetings, health, zoomEvents, requestNotices };
}

/** Both steps at once, for callers that bring their own notifier (benchmarks, tools). */
export function createServices(deps: ServicesDeps & { notifier: CoreNotifier; defer: Defer }): Services {
  return completeServices(createCoreServices(deps), deps);
}

export type {
  ApprovalsService,
  CallbackQuery,
  CallbackResult,
  CreateRequestInput,
  LinkView,
  ParkedResult,
  RequestView,
} from './approvals/index.js';
export { callbackQuerySchema, createApprovalsService, createRequestSchema } from './approvals/index.js';
export type { AuditEntry, AuditService, AuditType } from './audit.js';
export { createAuditService } from './audit.js';
export type {
  ConnectedUser,
  ConnectedUsersCounts,
  ConnectedUsersFilter,
  ConnectedUsersService,
} from './connected-users.js';
export { CONNECTED_USERS_FILTERS, createConnectedUsersService, MAX_PAGE_SIZE } from './connected-users.js';
export type { ConnectionLossService, OrgDisconnectPreview, OrgLoss } from './connection-loss.js';
export { createConnectionLossService } from './connection-loss.js';
export type { ConnectionsService, OrgConnectionView, PersonalConnectionView } from './connections.js';
export { createConnectionsService } from './connections.js';
export type { DirectoryService, MemberView } from './directory.js';
export { ADMIN_CACHE_MS, createDirectoryService } from './directory.js';
export type { ServiceErrorCode } from './errors.js';
export { isServiceError, ServiceError } from './errors.js';
export type { AdminCheck } from './guard.js';
export type { HealthService, OrgHealth } from './health.js';
export { createHealthService } from './health.js';
export type {
  CancelOutcome,
  CreatedMeeting,
  MeetingEndedEvent,
  MeetingPost,
  MeetingReader,
  MeetingRecord,
  MeetingRequest,
  MeetingsService,
} from './meetings/index.js';
export { createMeetingReader, createMeetingsService, meetingRequestSchema } from './meetings/index.js';
export type {
  Clock,
  CoreNotifier,
  Defer,
  OrgConnectionLostEvent,
  SecretCipher,
  SlackDirectory,
  SlackProfile,
  UpcomingMeeting,
} from './ports.js';
export type {
  AccountChange,
  SettingName,
  SettingsChange,
  SettingsPatch,
  SettingsService,
  WorkspaceSettings,
} from './settings.js';
export { createSettingsService, DEFAULT_SETTINGS, settingsPatchSchema } from './settings.js';
export type { MemberStatus, StatusService } from './status.js';
export { createStatusService } from './status.js';
export type { ZoomEventHandler, ZoomEventOutcome } from './zoom-events.js';
export { createZoomEventHandler } from './zoom-events.js';
