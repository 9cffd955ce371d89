/** PKCE (RFC 7636) with the S256 method, as Zoom's authorize endpoint accepts it. */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes → a 43-character base64url verifier (the RFC's recommended form). */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createPkcePair(): { codeVerifier: string; codeChallenge: string; method: 'S256' } {
  const codeVerifier = createCodeVerifier();
  return { codeVerifier, codeChallenge: codeChallengeS256(codeVerifier), method: 'S256' };
}

/** RFC 7636 §4.1: 43-128 characters of [A-Z a-z 0-9 - . _ ~]. */
export function isValidCodeVerifier(verifier: string): boolean {
  return /^[A-Za-z0-9._~-]{43,128}$/.test(verifier);
}
