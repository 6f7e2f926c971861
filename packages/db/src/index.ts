export { type ChangeFeed, ChangeFeedSource, EVERY_TENANT } from './change-feed.ts';
export {
  type Database,
  isUniqueViolation,
  type OpenDbOptions,
  openDb,
  type PlatformReads,
  type PlatformRepos,
} from './open.ts';
export type { AbacPolicyFields, AbacPolicyRow } from './repos/abac-policies.ts';
export { type AuditEntry, type AuditFilter, auditEventWire } from './repos/audit.ts';
export type { GroupRow } from './repos/groups.ts';
export type { NewOtpFactor, NewPendingLogin } from './repos/mfa.ts';
export type { NewPasskey, PasskeyUse } from './repos/passkeys.ts';
export type { RoleRow, RoleWithPermissions } from './repos/roles.ts';
export type { NewSession } from './repos/sessions.ts';
export type { AssertingPasskey } from './repos/sign-in-lookups.ts';
export type { NewUser, UserPatch } from './repos/users.ts';
export { type TenantRepos, tenantRepos } from './tenant-repos.ts';
export type * from './types.ts';
