import { storedCredentialSchema } from '../../zoom/mongo-credential-store.js';

/** `StoredCredential` (src/zoom/contracts.ts) with its refresh lease kept next to the tokens. */
export interface CredentialDoc {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scope: string;
  apiUrl?: string | null | undefined;
  refreshLease?: { holder: string; until: Date } | null | undefined;
}

/** The Zoom layer's sub-schema, so its credential store and our documents agree on the shape. */
export const credentialSchema = storedCredentialSchema;
