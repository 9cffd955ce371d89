import mongoose from 'mongoose';

/** `StoredCredential` (src/zoom/contracts.ts) with its refresh lease kept next to the tokens. */
export interface CredentialDoc {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scope: string;
  apiUrl?: string | null | undefined;
  refreshLease?: { holder: string; until: Date } | null | undefined;
}

/** Embed as `credential: { type: credentialSchema, default: undefined }` in a connection schema. */
export const credentialSchema = new mongoose.Schema(
  {
    accessToken: { type: String, required: true },
    refreshToken: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    scope: { type: String, default: '' },
    apiUrl: { type: String },
    // The single-flight refresh lease lives next to the tokens it guards.
    refreshLease: {
      type: new mongoose.Schema(
        { holder: { type: String, required: true }, until: { type: Date, required: true } },
        {
          _id: false,
        },
      ),
      default: null,
    },
  },
  { _id: false },
);
