import type { SessionRow, TenantScope } from '../types.ts';
import { type AuditEntry, appendable, pendingEvent } from './audit.ts';
import type { RunStatement } from './hot-statements.ts';
import type { PasskeyUse } from './passkeys.ts';
import { type NewSession, openedSession, sessionParams } from './sessions.ts';

/**
 * $1 tenant, $2–$5 the use ($2 passkey, $3 counter checked, $4 new counter, $5 backup state),
 * $6–$14 the session as `qeet_open_session` takes it ($7 user), $15 the events (migration 0073).
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
    use.passkeyId,
    use.previousSignCount,
    use.signCount,
    use.backupState,
    ...sessionParams(session),
    appendable(events.map((entry) => pendingEvent(scope.tenantId, scope.audit, entry))),
  ]);
  return row?.signed_in ? openedSession(scope.tenantId, session) : undefined;
}
