import { Schema } from 'mongoose';

/** `StoredCredential` (src/zoom/contracts.ts) with its refresh lease kept next to the tokens. */
export interface CredentialDoc {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scope: string;
  apiUrl?: string | undefined;
  refreshLease?: { holder: string; until: Date } | undefined;
}

export const credentialSchema = new Schema<CredentialDoc>(
  {
    accessToken: { type: String, required: true },
    refreshToken: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    scope: { type: String, default: '' },
    apiUrl: { type: String },
    refreshLease: { type: new Schema({ holder: String, until: Date }, { _id: false }), default: undefined },
  },
  { _id: false },
);
