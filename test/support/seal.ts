/** The record tests seal their Zoom credentials for (the credential manager adds the field). */
export const TEST_SEAL = { collection: 'test_credentials', workspace: '*', subject: 'user:test' } as const;

/** The full seal context of one token field of that record. */
export const testField = (name: 'accessToken' | 'refreshToken') => ({
  ...TEST_SEAL,
  field: `credential.${name}`,
});
