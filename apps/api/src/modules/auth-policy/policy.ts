import type { TenantRepos } from '@qeetid/db';

/** The longest access-token lifetime a tenant may choose; also bounds how long retired keys stay published. */
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 3600;

export type LoginMethod = 'password' | 'magic_link' | 'email_otp' | 'passkey';

/** A tenant's auth policy as stored and served (snake_case, like the wire). */
export interface AuthPolicy {
  password_min_length: number;
  /** `offline`: the bundled list of common breached passwords; `online`: also the configured range API. */
  password_breach_check: 'off' | 'offline' | 'online';
  login_methods: LoginMethod[];
  access_token_ttl_seconds: number;
  session_ttl_seconds: number;
  refresh_reuse_window_seconds: number;
  pat_max_ttl_days: number;
}

export const DEFAULT_POLICY: AuthPolicy = {
  password_min_length: 10,
  password_breach_check: 'offline',
  login_methods: ['password', 'magic_link', 'email_otp', 'passkey'],
  access_token_ttl_seconds: 900,
  session_ttl_seconds: 30 * 24 * 3600,
  refresh_reuse_window_seconds: 0,
  pat_max_ttl_days: 90,
};

/** Stored settings over the defaults: a field the tenant never set keeps its default. */
export function effectivePolicy(stored: Record<string, unknown> | undefined): AuthPolicy {
  return { ...DEFAULT_POLICY, ...(stored as Partial<AuthPolicy> | undefined) };
}

export async function policyOf(r: TenantRepos): Promise<AuthPolicy> {
  return effectivePolicy(await r.authPolicy.get());
}
