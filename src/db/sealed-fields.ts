/**
 * Which fields of which collections hold sealed secrets, and the seal context each is bound to
 * (src/crypto/token-cipher.ts): the writers, the readers and the key-rotation command all take the
 * context from here, so a value sealed for one record opens only in that record's field.
 */
import type { SealContext } from '../crypto/token-cipher.js';

/** A Zoom grant is shared by every connection of that Zoom user and app: not bound to a workspace. */
export function grantSeal(
  app: 'org' | 'user',
  zoomUserId: string,
  field: 'accessToken' | 'refreshToken',
): SealContext {
  return {
    collection: 'zoom_grants',
    workspace: '*',
    subject: `${app}:${zoomUserId}`,
    field: `credential.${field}`,
  };
}

/** The subject part of a grant's seal, for callers that add the field themselves (the credential manager). */
export function grantSealSubject(app: 'org' | 'user', zoomUserId: string): Omit<SealContext, 'field'> {
  const { field: _field, ...subject } = grantSeal(app, zoomUserId, 'accessToken');
  return subject;
}

export function requestTokenSeal(workspaceId: string, requestId: string): SealContext {
  return {
    collection: 'approval_requests',
    workspace: workspaceId,
    subject: requestId,
    field: 'tokenSealed',
  };
}

/** One PKCE verifier per attempt, bound to its request and to the state it was made for. */
export function requestVerifierSeal(workspaceId: string, requestId: string, stateHash: string): SealContext {
  return {
    collection: 'approval_requests',
    workspace: workspaceId,
    subject: `${requestId}:${stateHash}`,
    field: 'attempts.codeVerifier',
  };
}

/** Bolt installations are keyed by workspace (or enterprise for an org-wide install). */
export function installationSeal(
  key: { workspaceId: string; enterpriseId: string | null },
  path: string,
): SealContext {
  return {
    collection: 'slack_installations',
    workspace: key.workspaceId,
    subject: key.enterpriseId ?? key.workspaceId,
    field: path,
  };
}
