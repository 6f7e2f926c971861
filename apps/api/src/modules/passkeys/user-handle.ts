/**
 * The WebAuthn user handle (WebAuthn L3 §5.4.3 `user.id`) is the user's UUID as 16 bytes: opaque,
 * no personal data, and stable, so a discoverable credential names its account at sign-in.
 */
export function userHandleOf(userId: string): string {
  return Buffer.from(userId.replace(/-/g, ''), 'hex').toString('base64url');
}
