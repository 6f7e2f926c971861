/**
 * The WebAuthn user handle (WebAuthn L3 §5.4.3 `user.id`) is the user's UUID as 16 bytes: opaque,
 * no personal data, and stable, so a discoverable credential names its account at sign-in.
 */
export function userHandleOf(userId: string): string {
  return Buffer.from(userId.replace(/-/g, ''), 'hex').toString('base64url');
}

export function userIdOfHandle(handle: string): string | null {
  const hex = Buffer.from(handle, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
