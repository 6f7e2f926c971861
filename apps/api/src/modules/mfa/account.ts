import { encodeId } from '@qeetid/contract';
import type { TenantScope } from '@qeetid/db';
import { type Ctx, principalOf, scopeOf } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';

/**
 * The signed-in user behind a request to their own passkeys and factors. These live in the user's
 * home tenant (the tenant that manages their profile), whichever tenant the token is for.
 */
export interface Account {
  userId: string;
  /** The user's home tenant. */
  tenantId: string;
  email: string;
  displayName: string | null;
  /** What step-up verifications attach to: the session (`ses_…`) or the personal access token (`pat_…`). */
  subject: string;
  /** The session's sign-in (RFC 8176 `amr` and when); null for a personal access token. */
  signIn: { methods: string[]; at: Date } | null;
}

export async function accountOf(ctx: Ctx): Promise<Account> {
  const principal = principalOf(ctx);
  if (principal.kind === 'api_key') {
    throw new ApiError('invalid_auth_scheme', 'this operation acts for a signed-in user; send their token as Bearer');
  }
  const user = await ctx.db.platformRead((p) => p.activeUser(principal.userId));
  if (!user) throw new ApiError('unauthorized', 'the user of this token is no longer active');
  return {
    userId: user.id,
    tenantId: user.tenantId,
    email: user.email,
    displayName: user.displayName,
    subject:
      principal.kind === 'access_token' ? encodeId('session', principal.sessionId) : encodeId('pat', principal.tokenId),
    signIn:
      principal.kind === 'access_token' ? { methods: principal.authMethods, at: principal.sessionCreatedAt } : null,
  };
}

/** The transaction scope for an account's own changes: their home tenant, acting as themselves. */
export function accountScope(ctx: Ctx, account: Account): TenantScope {
  return scopeOf(ctx, account.tenantId);
}
