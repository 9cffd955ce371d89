import type { Connection } from 'mongoose';
import { approvalRequestModel } from './approval-request.js';
import { auditEventModel } from './audit-event.js';
import { leaseModel } from './lease.js';
import { meetingModel } from './meeting.js';
import { memberModel } from './member.js';
import { migrationModel } from './migration.js';
import { orgConnectionModel } from './org-connection.js';
import { personalConnectionModel } from './personal-connection.js';
import { processedEventModel } from './processed-event.js';
import { slackInstallationModel } from './slack-installation.js';
import { workspaceModel } from './workspace.js';
import { zoomGrantModel } from './zoom-grant.js';

export function createModels(connection: Connection) {
  return {
    workspaces: workspaceModel(connection),
    orgConnections: orgConnectionModel(connection),
    personalConnections: personalConnectionModel(connection),
    members: memberModel(connection),
    approvalRequests: approvalRequestModel(connection),
    meetings: meetingModel(connection),
    auditEvents: auditEventModel(connection),
    slackInstallations: slackInstallationModel(connection),
    leases: leaseModel(connection),
    processedEvents: processedEventModel(connection),
    zoomGrants: zoomGrantModel(connection),
    migrations: migrationModel(connection),
  };
}

export type Models = ReturnType<typeof createModels>;

/** Wait until every collection and index exists (mongoose builds them in the background). */
export async function ensureIndexes(models: Models): Promise<void> {
  await Promise.all(Object.values(models).map((model) => model.init()));
}

export type {
  ApprovalAttempt,
  ApprovalKind,
  ApprovalRequestDoc,
  ApprovalStatus,
  FormerToken,
  ParkedApproval,
  ParkedReason,
  RequestMessage,
} from './approval-request.js';
export type { AuditEventDoc } from './audit-event.js';
export type { CredentialDoc } from './credential.js';
export type { LeaseDoc } from './lease.js';
export type { MeetingDoc, MeetingPostDoc } from './meeting.js';
export type { MemberDoc, MemberPersonalStatus, ZoomMatch } from './member.js';
export type { MigrationDoc } from './migration.js';
export type { OrgConnectionDoc, OrgStatus } from './org-connection.js';
export type { PersonalConnectionDoc, PersonalStatus } from './personal-connection.js';
export type { ProcessedEventDoc } from './processed-event.js';
export type { SentMessage } from './sent-message.js';
export type { SlackInstallationDoc } from './slack-installation.js';
export type { WorkspaceDoc } from './workspace.js';
export type { GrantHolder, GrantHolderKind, ZoomGrantDoc } from './zoom-grant.js';
