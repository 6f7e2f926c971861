import type { SessionRow, TenantScope } from '../types.ts';
import { type AuditEntry, appendable, pendingEvent } from './audit.ts';
import type { RunStatement } from './hot-statements.ts';
import { type NewSession, openedSession } from './sessions.ts';

/** A verified assertion of the session's user's passkey: the counter it was checked against and what it reported. */
export interface PasskeyUse {
  passkeyId: string;
  previousSignCount: number;
  signCount: number;
  backupState: boolean;
}

/**
 * $1 tenant, $2 the user, $3–$6 the use ( $3 passkey, $4 counter checked, $5 new counter, $6 backup
 * state), $7–$14 the session ($8 methods as JSON, $11 when), $15 the events (migration 0073).
 */
const PASSKEY_SIGN_IN =
  'select qeet_passkey_sign_in($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14, $15::jsonb) as signed_in';

/**
 * A passkey sign-in whose session opens in the passkey's own tenant, as one statement (its own
 * transaction): the passkey's use, the session opened at its `createdAt` and the scope's events.
 * Undefined, with nothing written, when the passkey's counter is no longer the one checked.
 */
export async function passkeySignIn(
  run: RunStatement,
  scope: TenantScope,
  use: PasskeyUse,
  session: NewSession,
  events: AuditEntry[],
): Promise<SessionRow | undefined> {
  const [row] = await run<{ signed_in: boolean }>(PASSKEY_SIGN_IN, [
    scope.tenantId,
    session.userId,
    use.passkeyId,
    use.previousSignCount,
    use.signCount,
    use.backupState,
    session.id,
    JSON.stringify(session.authMethods),
    session.ip ?? null,
    session.userAgent ?? null,
    session.createdAt.toISOString(),
    session.expiresAt.toISOString(),
    session.refreshToken.id,
    session.refreshToken.tokenHash,
    appendable(events.map((entry) => pendingEvent(scope.tenantId, scope.audit, entry))),
  ]);
  return row?.signed_in ? openedSession(scope.tenantId, session) : undefined;
}
