import type { webauthnChallenges } from '../schema.ts';
import type { RunStatement } from './hot-statements.ts';
import { turnBatch } from './turn-batch.ts';

export type NewChallenge = typeof webauthnChallenges.$inferInsert;

/** $1 the challenges, a JSON array of rows named like the columns. */
const INSERT_CHALLENGES = `insert into webauthn_challenges (challenge_hash, ceremony, tenant_id, user_id, payload, expires_at)
  select challenge_hash, ceremony, tenant_id, user_id, payload, expires_at
  from jsonb_to_recordset($1::jsonb) as c(challenge_hash text, ceremony text, tenant_id uuid, user_id uuid,
    payload jsonb, expires_at timestamptz)`;

/**
 * Stores challenges, all those of one event-loop turn in one statement (`turnBatch`). The table
 * has no foreign keys, so one challenge cannot fail the others' statement.
 */
export function challengeWriter(run: RunStatement): (challenge: NewChallenge) => Promise<void> {
  return turnBatch(async (challenges: NewChallenge[]) => {
    await run(INSERT_CHALLENGES, [JSON.stringify(challenges.map(columnsOf))]);
    return challenges.map(() => undefined);
  });
}

const columnsOf = (c: NewChallenge) => ({
  challenge_hash: c.challengeHash,
  ceremony: c.ceremony,
  tenant_id: c.tenantId ?? null,
  user_id: c.userId ?? null,
  payload: c.payload ?? {},
  expires_at: c.expiresAt,
});
