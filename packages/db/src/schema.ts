import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  jsonb,
  pgPolicy,
  pgRole,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** The role every tenant-scoped transaction switches to, so row-level security applies. */
export const appRole = pgRole('qeet_app').existing();

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const currentTenant = sql`nullif(current_setting('qeet.tenant_id', true), '')::uuid`;

/** Rows whose tenant_id is the transaction's tenant; RLS backstop for the repos' own scoping. */
const tenantPolicy = (column: string) =>
  pgPolicy('tenant_isolation', {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`${sql.identifier(column)} = ${currentTenant}`,
    withCheck: sql`${sql.identifier(column)} = ${currentTenant}`,
  });

export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    index('tenants_parent_idx').on(t.parentId),
    pgPolicy('tenant_self_or_child', {
      for: 'all',
      to: appRole,
      using: sql`${t.id} = ${currentTenant} or ${t.parentId} = ${currentTenant}`,
      withCheck: sql`${t.id} = ${currentTenant} or ${t.parentId} = ${currentTenant}`,
    }),
  ],
).enableRLS();

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    email: text('email').notNull(),
    emailNormalized: text('email_normalized').notNull(),
    emailVerified: boolean('email_verified').notNull().default(false),
    phone: text('phone'),
    phoneVerified: boolean('phone_verified').notNull().default(false),
    displayName: text('display_name'),
    status: text('status').notNull().default('active'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    uniqueIndex('users_email_normalized_key').on(t.emailNormalized),
    index('users_tenant_idx').on(t.tenantId, t.id),
    // Users are global; a tenant sees the users it manages and the users who are its members.
    pgPolicy('tenant_isolation', {
      for: 'all',
      to: appRole,
      using: sql`${t.tenantId} = ${currentTenant} or exists (select 1 from memberships m where m.user_id = ${t.id} and m.tenant_id = ${currentTenant})`,
      withCheck: sql`${t.tenantId} = ${currentTenant}`,
    }),
  ],
).enableRLS();

export const memberships = pgTable(
  'memberships',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

export const apiKeys = pgTable(
  'api_keys',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    expiresAt: ts('expires_at'),
    lastUsedAt: ts('last_used_at'),
    createdAt: ts('created_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('api_keys_prefix_key').on(t.prefix),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

export const personalAccessTokens = pgTable(
  'personal_access_tokens',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    expiresAt: ts('expires_at'),
    lastUsedAt: ts('last_used_at'),
    createdAt: ts('created_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('personal_access_tokens_prefix_key').on(t.prefix),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

export const auditEvents = pgTable(
  'audit_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.seq] }),
    index('audit_events_action_idx').on(t.tenantId, t.action, t.seq),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

/** The head of each tenant's chain; locking this row serialises appends. */
export const auditHeads = pgTable(
  'audit_heads',
  {
    tenantId: uuid('tenant_id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  () => [tenantPolicy('tenant_id')],
).enableRLS();

// ── Sessions and tokens (issue 3): signing keys, passwords, sessions, refresh tokens, auth policy,
// one-time tokens, rate-limit counters, the dev message outbox.

/**
 * Platform-level tables (signing keys, one-time tokens, counters, outbox) have RLS on and no policy:
 * only platform queries (the connecting role) use them; `qeet_app` sees no row.
 */

/** Platform-wide ES256 signing keys; the private half is sealed by the KeyProvider. */
export const signingKeys = pgTable(
  'signing_keys',
  {
    kid: text('kid').primaryKey(),
    alg: text('alg').notNull(),
    publicJwk: jsonb('public_jwk').$type<Record<string, string>>().notNull(),
    sealedPrivateKey: text('sealed_private_key').notNull(),
    createdAt: ts('created_at').notNull(),
    /** Set when a newer key took over signing; published until every token it signed has expired. */
    retiredAt: ts('retired_at'),
  },
  (t) => [index('signing_keys_retired_idx').on(t.retiredAt)],
).enableRLS();

/** One argon2id hash per user (users are global); readable where the user is. */
export const userPasswords = pgTable(
  'user_passwords',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    hash: text('hash').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    pgPolicy('tenant_isolation', {
      for: 'all',
      to: appRole,
      using: sql`exists (select 1 from users u where u.id = ${t.userId} and (u.tenant_id = ${currentTenant} or exists (select 1 from memberships m where m.user_id = u.id and m.tenant_id = ${currentTenant})))`,
      withCheck: sql`exists (select 1 from users u where u.id = ${t.userId} and (u.tenant_id = ${currentTenant} or exists (select 1 from memberships m where m.user_id = u.id and m.tenant_id = ${currentTenant})))`,
    }),
  ],
).enableRLS();

export const sessions = pgTable(
  'sessions',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    authMethods: text('auth_methods').array().notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: ts('created_at').notNull(),
    lastActiveAt: ts('last_active_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('sessions_user_idx').on(t.userId, t.id),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

/** One family per session: each use marks the token used and adds its successor. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    sessionId: uuid('session_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: ts('created_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('refresh_tokens_hash_key').on(t.tokenHash),
    index('refresh_tokens_session_idx').on(t.tenantId, t.sessionId),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

export const authPolicies = pgTable(
  'auth_policies',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  () => [tenantPolicy('tenant_id')],
).enableRLS();

/**
 * Single-use secrets sent to a user (reset links, magic links, email codes, verification codes),
 * stored as hashes. Consumed before any tenant is known, so platform-level.
 */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: uuid('id').primaryKey(),
    purpose: text('purpose').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id'),
    tokenHash: text('token_hash').notNull(),
    /** What the secret was sent to (an email or phone), so a changed address voids it. */
    sentTo: text('sent_to').notNull(),
    attempts: bigint('attempts', { mode: 'number' }).notNull().default(0),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    consumedAt: ts('consumed_at'),
  },
  (t) => [
    uniqueIndex('one_time_tokens_hash_key').on(t.tokenHash),
    index('one_time_tokens_user_idx').on(t.userId, t.purpose),
  ],
).enableRLS();

/** Fixed-window attempt counters shared by every replica (brute-force protection). */
export const rateLimitCounters = pgTable('rate_limit_counters', {
  key: text('key').primaryKey(),
  windowStartedAt: ts('window_started_at').notNull(),
  count: bigint('count', { mode: 'number' }).notNull(),
}).enableRLS();

/** Messages kept instead of sent when no SMTP server is configured (development, tests). */
export const messageOutbox = pgTable(
  'message_outbox',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id'),
    channel: text('channel').notNull(),
    recipient: text('recipient').notNull(),
    purpose: text('purpose').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('message_outbox_recipient_idx').on(t.recipient, t.createdAt)],
).enableRLS();

// ── Authorization (roles, groups, assignments, ABAC policies) ────────────────────────────────

/**
 * A tenant's roles. The three built-in roles (`builtin` = owner | admin | member) exist in every
 * tenant; their permissions come from the server's catalogue, not from `role_permissions`.
 */
export const roles = pgTable(
  'roles',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    builtin: text('builtin'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('roles_name_key').on(t.tenantId, t.name),
    uniqueIndex('roles_builtin_key').on(t.tenantId, t.builtin),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

export const rolePermissions = pgTable(
  'role_permissions',
  {
    tenantId: uuid('tenant_id').notNull(),
    roleId: uuid('role_id').notNull(),
    permission: text('permission').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.roleId, t.permission] }),
    foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }).onDelete('cascade'),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

/** Roles assigned directly to members (besides the built-in role their membership carries). */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    tenantId: uuid('tenant_id').notNull(),
    userId: uuid('user_id').notNull(),
    roleId: uuid('role_id').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.roleId] }),
    index('role_assignments_role_idx').on(t.tenantId, t.roleId),
    foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }),
    // Leaving the tenant ends every assignment in it.
    foreignKey({
      columns: [t.tenantId, t.userId],
      foreignColumns: [memberships.tenantId, memberships.userId],
    }).onDelete('cascade'),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

export const groups = pgTable(
  'groups',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('groups_name_key').on(t.tenantId, t.name),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

export const groupMembers = pgTable(
  'group_members',
  {
    tenantId: uuid('tenant_id').notNull(),
    groupId: uuid('group_id').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.groupId, t.userId] }),
    index('group_members_user_idx').on(t.tenantId, t.userId),
    foreignKey({ columns: [t.tenantId, t.groupId], foreignColumns: [groups.tenantId, groups.id] }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.userId],
      foreignColumns: [memberships.tenantId, memberships.userId],
    }).onDelete('cascade'),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

export const groupRoles = pgTable(
  'group_roles',
  {
    tenantId: uuid('tenant_id').notNull(),
    groupId: uuid('group_id').notNull(),
    roleId: uuid('role_id').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.groupId, t.roleId] }),
    index('group_roles_role_idx').on(t.tenantId, t.roleId),
    foreignKey({ columns: [t.tenantId, t.groupId], foreignColumns: [groups.tenantId, groups.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

/** ABAC policies: a CEL condition that allows or denies the permissions it names. */
export const abacPolicies = pgTable(
  'abac_policies',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    effect: text('effect').notNull(),
    permissions: text('permissions').array().notNull(),
    condition: text('condition').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('abac_policies_name_key').on(t.tenantId, t.name),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

/**
 * One counter per tenant, raised by triggers in the same transaction as any change that can
 * alter an authorization decision; servers compare it with their cached model.
 */
export const authzVersions = pgTable(
  'authz_versions',
  {
    tenantId: uuid('tenant_id').primaryKey(),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  () => [tenantPolicy('tenant_id')],
).enableRLS();

// ── Passkeys and MFA ───────────────────────────────────────────────────────────────────────────
// A user's credentials live in their home tenant, next to the profile that tenant manages.

/** WebAuthn public-key credentials (passkeys and security keys). */
export const webauthnCredentials = pgTable(
  'webauthn_credentials',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** base64url credential id as the authenticator made it; unique on the whole platform. */
    credentialId: text('credential_id').notNull(),
    /** base64url COSE_Key. */
    publicKey: text('public_key').notNull(),
    signCount: bigint('sign_count', { mode: 'number' }).notNull(),
    transports: text('transports').array().notNull(),
    aaguid: text('aaguid').notNull(),
    attestationFormat: text('attestation_format').notNull(),
    backupEligible: boolean('backup_eligible').notNull(),
    backupState: boolean('backup_state').notNull(),
    name: text('name').notNull(),
    createdAt: ts('created_at').notNull(),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('webauthn_credentials_credential_id_key').on(t.credentialId),
    index('webauthn_credentials_user_idx').on(t.tenantId, t.userId),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

/**
 * Outstanding WebAuthn challenges, keyed by the SHA-256 of the challenge. A finish step deletes
 * its row, so a challenge answers one ceremony once. The tenant is null until it is known
 * (usernameless sign-in, signup).
 */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    challengeHash: text('challenge_hash').primaryKey(),
    ceremony: text('ceremony').notNull(),
    tenantId: uuid('tenant_id'),
    userId: uuid('user_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('webauthn_challenges_expiry_idx').on(t.expiresAt), tenantPolicy('tenant_id')],
).enableRLS();

/** One TOTP secret per user; unconfirmed until the first code proves the app has it. */
export const mfaTotp = pgTable(
  'mfa_totp',
  {
    tenantId: uuid('tenant_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The base32 secret sealed by the server's KeyProvider (AES-256-GCM, bound to the user). */
    secret: text('secret').notNull(),
    confirmedAt: ts('confirmed_at'),
    /** RFC 6238 time step of the last accepted code; a code of this step or earlier is a replay. */
    lastUsedStep: bigint('last_used_step', { mode: 'number' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), tenantPolicy('tenant_id')],
).enableRLS();

/** Single-use recovery codes, stored as SHA-256 hashes. */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: ts('used_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('mfa_recovery_codes_user_idx').on(t.tenantId, t.userId),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

/** Email or SMS one-time-code factors; the current code is held as a hash with its expiry. */
export const mfaOtpFactors = pgTable(
  'mfa_otp_factors',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    destination: text('destination').notNull(),
    confirmedAt: ts('confirmed_at'),
    codeHash: text('code_hash'),
    codeExpiresAt: ts('code_expires_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('mfa_otp_factors_user_idx').on(t.tenantId, t.userId),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

/** Per-user MFA state: an admin's enrollment requirement and the failed-code counter. */
export const mfaUserState = pgTable(
  'mfa_user_state',
  {
    tenantId: uuid('tenant_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    required: boolean('required').notNull().default(false),
    failures: bigint('failures', { mode: 'number' }).notNull().default(0),
    failuresSince: ts('failures_since'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), tenantPolicy('tenant_id')],
).enableRLS();

/**
 * Sign-ins waiting for their second factor: the `mfa_token` (as a hash), the factors it may use,
 * the tenant the session will be in and how the first factor was proven (RFC 8176 `amr`). The row
 * lives in the user's home tenant, with their factors.
 */
export const mfaPendingLogins = pgTable(
  'mfa_pending_logins',
  {
    tenantId: uuid('tenant_id').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    signInTenantId: uuid('sign_in_tenant_id').notNull(),
    amr: text('amr').array().notNull(),
    methods: text('methods').array().notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.prefix] }),
    uniqueIndex('mfa_pending_logins_prefix_key').on(t.prefix),
    tenantPolicy('tenant_id'),
  ],
).enableRLS();

/** When a session (or token) last proved a second factor or a passkey: the step-up clock. */
export const stepUpVerifications = pgTable(
  'step_up_verifications',
  {
    tenantId: uuid('tenant_id').notNull(),
    /** `ses_…` of an access token's session or `pat_…` of a personal access token. */
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    method: text('method').notNull(),
    verifiedAt: ts('verified_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.subject] }), tenantPolicy('tenant_id')],
).enableRLS();

/** A tenant's security policy: MFA requirement and the step-up freshness window. */
export const tenantSecurityPolicies = pgTable(
  'tenant_security_policies',
  {
    tenantId: uuid('tenant_id').primaryKey(),
    mfaRequired: boolean('mfa_required').notNull(),
    stepUpMaxAgeSeconds: bigint('step_up_max_age_seconds', { mode: 'number' }).notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  () => [tenantPolicy('tenant_id')],
).enableRLS();
