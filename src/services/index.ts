import type { Logger } from 'pino';
import type { Models } from '../db/models/index.js';
import type { ZoomGateway } from '../zoom/contracts.js';
import { type ApprovalsService, createApprovalsService } from './approvals.js';
import { type AuditService, createAuditService } from './audit.js';
import { type ConnectedUsersService, createConnectedUsersService } from './connected-users.js';
import { type ConnectionsService, createConnectionsService } from './connections.js';
import { createDirectoryService, type DirectoryService } from './directory.js';
import { createHealthService, type HealthService } from './health.js';
import { createMeetingsService, type MeetingsService } from './meetings.js';
import type { Clock, CoreNotifier, SecretCipher, SlackDirectory } from './ports.js';
import { createSettingsService, type SettingsService } from './settings.js';
import { createStatusService, type StatusService } from './status.js';

export interface ServicesDeps {
  models: Models;
  zoom: ZoomGateway;
  slack: SlackDirectory;
  /** Encrypts the PKCE verifier and the link token at rest (src/crypto's TokenCipher). */
  cipher: SecretCipher;
  /** External base URL; approval links are `${publicUrl}/zoom/approve/<token>`. */
  publicUrl: string;
  clock?: Clock | undefined;
  logger?: Logger | undefined;
  /** Late-bound: the Slack notifier is built on top of the services. */
  notifier?: (() => CoreNotifier | undefined) | undefined;
}

export interface Services {
  audit: AuditService;
  settings: SettingsService;
  directory: DirectoryService;
  connections: ConnectionsService;
  approvals: ApprovalsService;
  status: StatusService;
  connectedUsers: ConnectedUsersService;
  meetings: MeetingsService;
  health: HealthService;
}

/** Builds every core service over one set of models; `directory` is also the admin check. */
export function createServices(deps: ServicesDeps): Services {
  const common = { clock: deps.clock, logger: deps.logger };
  const directory = createDirectoryService({ ...common, models: deps.models, slack: deps.slack });
  const admin = directory;
  const audit = createAuditService({ ...common, models: deps.models, admin });
  const settings = createSettingsService({ ...common, models: deps.models, admin, audit });
  const connections = createConnectionsService({
    ...common,
    models: deps.models,
    zoom: deps.zoom,
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
    settings,
  });
  const status = createStatusService({ ...common, models: deps.models, admin, settings });
  const connectedUsers = createConnectedUsersService({ ...common, models: deps.models, admin, settings });
  const meetings = createMeetingsService({
    ...common,
    models: deps.models,
    zoom: deps.zoom,
    connections,
    status,
    settings,
    notifier: deps.notifier,
  });
  const health = createHealthService({ ...common, models: deps.models, zoom: deps.zoom, connections });
  return { audit, settings, directory, connections, approvals, status, connectedUsers, meetings, health };
}

export type {
  ApprovalsService,
  CallbackQuery,
  CallbackResult,
  CreateRequestInput,
  LinkView,
  RequestView,
} from './approvals.js';
export { callbackQuerySchema, createApprovalsService, createRequestSchema } from './approvals.js';
export type { AuditEntry, AuditService, AuditType } from './audit.js';
export { createAuditService } from './audit.js';
export type {
  ConnectedUser,
  ConnectedUsersCounts,
  ConnectedUsersFilter,
  ConnectedUsersService,
} from './connected-users.js';
export { CONNECTED_USERS_FILTERS, createConnectedUsersService, MAX_PAGE_SIZE } from './connected-users.js';
export type {
  ConnectionsService,
  ConnectionTarget,
  OrgConnectionView,
  OrgDisconnectPreview,
  PersonalConnectionView,
} from './connections.js';
export { createConnectionsService } from './connections.js';
export type { DirectoryService, MemberView } from './directory.js';
export { ADMIN_CACHE_MS, createDirectoryService } from './directory.js';
export type { ServiceErrorCode } from './errors.js';
export { isServiceError, ServiceError } from './errors.js';
export type { AdminCheck } from './guard.js';
export type { HealthService, OrgHealth } from './health.js';
export { createHealthService } from './health.js';
export type { CreatedMeeting, MeetingRequest, MeetingsService, UpcomingMeeting } from './meetings.js';
export { createMeetingsService, meetingRequestSchema } from './meetings.js';
export type { Clock, CoreNotifier, SecretCipher, SlackDirectory, SlackProfile } from './ports.js';
export type { SettingsPatch, SettingsService, WorkspaceSettings } from './settings.js';
export { createSettingsService, DEFAULT_SETTINGS, settingsPatchSchema } from './settings.js';
export type { MemberStatus, StatusService } from './status.js';
export { createStatusService } from './status.js';
export type { ZoomEventHandler, ZoomEventOutcome } from './zoom-events.js';
export { createZoomEventHandler } from './zoom-events.js';
