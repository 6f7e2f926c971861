import type { SessionRow, TenantScope } from '../types.ts';
import { type AuditEntry, appendable, pendingEvent } from './audit.ts';
import type { RunStatement } from './hot-statements.ts';
import type { PasskeyUse } from './passkeys.ts';
import { type NewSession, openedSession, sessionParams } from './sessions.ts';
import { turnBatch } from './turn-batch.ts';

/**
 * $1 the sign-ins, a JSON array of `qeet_passkey_sign_in`'s arguments each (migration 0073), after
 * its index in the batch: [i, tenant, passkey, counter checked, new counter, backup state, the
 * session as `qeet_open_session` takes it (`sessionParams`: user at 7, methods as JSON text at 8),
 * the events at 15]. The function scan yields them in array order, and each call enters its own
 * tenant before it writes.
 */
const PASSKEY_SIGN_INS = `select (x->>0)::int as i, qeet_passkey_sign_in((x->>1)::uuid, (x->>2)::uuid, (x->>3)::bigint,
    (x->>4)::bigint, (x->>5)::boolean, (x->>6)::uuid, (x->>7)::uuid, (x->>8)::jsonb, x->>9, x->>10, (x->>11)::timestamptz,
    (x->>12)::timestamptz, (x->>13)::uuid, x->>14, x->15) as signed_in
  from jsonb_array_elements($1::jsonb) as x`;

/** A passkey sign-in whose session opens in the passkey's own tenant. */
export interface PasskeySignIn {
  scope: TenantScope;
  use: PasskeyUse;
  session: NewSession;
  events: AuditEntry[];
}

/**
 * Passkey sign-ins whose sessions open in their passkeys' own tenants, those of one event-loop
 * turn in one statement (`turnBatch`): each the passkey's use, the session opened at its
 * `createdAt` and the scope's events, all of them or nothing. One answers undefined, with nothing
 * of it written, when its passkey's counter is no longer the one checked. The batch goes in
 * tenant order, so that concurrent batches lock the audit chains they extend in one order.
 */
export function passkeySignIns(run: RunStatement): (signIn: PasskeySignIn) => Promise<SessionRow | undefined> {
  return turnBatch(async (signIns: PasskeySignIn[]) => {
    const sent = signIns.map((signIn, i) => ({ i, tenant: signIn.scope.tenantId, signIn }));
    sent.sort((a, b) => (a.tenant < b.tenant ? -1 : a.tenant > b.tenant ? 1 : 0));
    const rows = await run<{ i: number; signed_in: boolean }>(PASSKEY_SIGN_INS, [
      JSON.stringify(sent.map(({ i, signIn }) => [i, ...argumentsOf(signIn)])),
    ]);
    const opened: (SessionRow | undefined)[] = signIns.map(() => undefined);
    for (const row of rows) {
      const signIn = signIns[row.i] as PasskeySignIn;
      if (row.signed_in) opened[row.i] = openedSession(signIn.scope.tenantId, signIn.session);
    }
    return opened;
  });
}

function argumentsOf({ scope, use, session, events }: PasskeySignIn) {
  return [
    scope.tenantId,
    use.passkeyId,
    use.previousSignCount,
    use.signCount,
    use.backupState,
    ...sessionParams(session),
    appendable(events.map((entry) => pendingEvent(scope.tenantId, scope.audit, entry))),
  ];
}
