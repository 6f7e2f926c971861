import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

/** No relational query API: queries name their tables, and a transaction skips building one builder per table. */
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type TenantRow = typeof schema.tenants.$inferSelect;
export type UserRow = typeof schema.users.$inferSelect;
export type MembershipRow = typeof schema.memberships.$inferSelect;
export type ApiKeyRow = typeof schema.apiKeys.$inferSelect;
export type PatRow = typeof schema.personalAccessTokens.$inferSelect;
export type AuditEventRow = typeof schema.auditEvents.$inferSelect;

export type Role = 'owner' | 'admin' | 'member';

/** Who did it, from where: recorded with every audit event of the transaction. */
export interface AuditContext {
  actor: { type: 'user' | 'api_key' | 'system'; id: string | null };
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface TenantScope {
  /** UUID of the tenant every query of the transaction is confined to. */
  tenantId: string;
  audit: AuditContext;
}

/** Keyset page request: rows after `after` (exclusive), at most `limit`. */
export interface PageQuery {
  after?: string | undefined;
  limit: number;
}
export type PasskeyRow = typeof schema.webauthnCredentials.$inferSelect;
export type OtpFactorRow = typeof schema.mfaOtpFactors.$inferSelect;
export type ChallengeRow = typeof schema.webauthnChallenges.$inferSelect;
export type PendingLoginRow = typeof schema.mfaPendingLogins.$inferSelect;

export type SessionRow = typeof schema.sessions.$inferSelect;
export type SigningKeyRow = typeof schema.signingKeys.$inferSelect;
export type OneTimeTokenRow = typeof schema.oneTimeTokens.$inferSelect;
