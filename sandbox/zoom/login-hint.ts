/**
 * Sandbox only, not a Zoom feature: which user Zoom's consent page starts on. Zoom's authorize URL
 * has no login hint, and in the sandbox the app (not the UI) builds that URL, so the UI tells the
 * stand-in who sits at the browser (`PUT /_sandbox/login-hint`); a `sandbox_login_hint=<email>`
 * query parameter on the authorize URL wins over it. Both are ignored when absent or unknown.
 */
export const LOGIN_HINT_PARAM = 'sandbox_login_hint';

export interface LoginHint {
  get(): string | null;
  set(email: string | null): void;
}

export function createLoginHint(): LoginHint {
  let current: string | null = null;
  return {
    get: () => current,
    set(email) {
      current = email === null ? null : email.toLowerCase();
    },
  };
}
