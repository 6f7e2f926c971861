import { encodeId } from '@qeetid/contract';
import type { Database, Role, TenantScope } from '@qeetid/db';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { KeyProvider } from '../crypto/key-provider.ts';
import type { KeyRing } from '../crypto/key-ring.ts';
import type { AuthzEngine } from '../modules/authz/engine.ts';
import type { MessageSender } from '../modules/messages/sender.ts';
import type { StoredCredential } from './authenticate.ts';
import type { CredentialCache } from './credential-cache.ts';

/** Who is calling, established by the binder from the operation's `security`. */
export type Principal =
  | {
      kind: 'api_key';
      keyId: string;
      tenantId: string;
      scopes: readonly string[];
      /** The tenant's authorization version, read with the key. */
      authzVersion?: number;
    }
  | {
      kind: 'personal_access_token';
      tokenId: string;
      userId: string;
      tenantId: string;
      scopes: readonly string[];
      /** The user's membership role in the token's tenant, read with the token; null if no longer a member. */
      role: Role | null;
      /** The tenant's authorization version, read with the token. */
      authzVersion?: number;
    }
  | {
      /** An ES256 access token of a live session. */
      kind: 'access_token';
      userId: string;
      tenantId: string;
      sessionId: string;
      /** How the session was signed in (RFC 8176 `amr` values), read with its standing. */
      authMethods: string[];
      /** When the session was opened: the time of that sign-in. */
      sessionCreatedAt: Date;
      scopes: readonly string[];
      role: Role | null;
      /** The tenant's authorization version, when read along with the session. */
      authzVersion?: number;
    };

/** The tenant the operation runs in, and the caller's standing there. */
export interface TenantAccess {
  tenantId: string;
  /** The tenant's authorization version when it was read along the way (else the engine reads it). */
  authzVersion?: number | undefined;
}

export interface Deps {
  db: Database;
  config: Config;
  log: Logger;
  keys: KeyRing;
  messages: MessageSender;
  /** Seals secrets the server must read back later (TOTP secrets), under the master key. */
  secrets: KeyProvider;
}

/** Deps plus what the app builds from them (no I/O). */
export interface AppDeps extends Deps {
  authz: AuthzEngine;
  credentials: CredentialCache<StoredCredential>;
}

/** Everything a handler may use besides its validated input. */
export interface Ctx extends AppDeps {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  principal: Principal | null;
  tenant: TenantAccess | null;
}

/** The authenticated principal; the binder guarantees it for operations with `security`. */
export function principalOf(ctx: Ctx): Principal {
  if (!ctx.principal) throw new Error('operation has no security but its handler needs a principal');
  return ctx.principal;
}

/** The tenant the operation runs in; the binder guarantees one for `x-qeet-tenant: required`. */
export function tenantOf(ctx: Ctx): string {
  const tenantId = ctx.tenant?.tenantId;
  if (!tenantId) throw new Error('operation has x-qeet-tenant: none but its handler needs a tenant');
  return tenantId;
}

/** The tenant scope (with the audit context) for `db.withTenant`. */
export function scopeOf(ctx: Ctx, tenantId = ctx.tenant?.tenantId): TenantScope {
  if (!tenantId) throw new Error('operation has x-qeet-tenant: none but its handler needs a tenant');
  return {
    tenantId,
    audit: {
      actor: actorOf(ctx.principal),
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      requestId: ctx.requestId,
    },
  };
}

export function actorOf(principal: Principal | null): TenantScope['audit']['actor'] {
  if (!principal) return { type: 'system', id: null };
  if (principal.kind === 'api_key') return { type: 'api_key', id: encodeId('apiKey', principal.keyId) };
  return { type: 'user', id: encodeId('user', principal.userId) };
}
