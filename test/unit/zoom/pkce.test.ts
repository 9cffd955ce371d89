import { describe, expect, it } from 'vitest';
import { codeChallengeS256, createPkcePair, isValidCodeVerifier } from '../../../src/zoom/pkce.js';

describe('PKCE', () => {
  it('matches the RFC 7636 appendix B example', () => {
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('creates valid, distinct verifiers with their S256 challenge', () => {
    const a = createPkcePair();
    const b = createPkcePair();
    expect(a.codeVerifier).not.toBe(b.codeVerifier);
    expect(isValidCodeVerifier(a.codeVerifier)).toBe(true);
    expect(a.codeChallenge).toBe(codeChallengeS256(a.codeVerifier));
    expect(a.method).toBe('S256');
    expect(isValidCodeVerifier('short')).toBe(false);
  });
});
