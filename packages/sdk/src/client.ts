// The hand-written facade over the generated client (CONTRACT.md "SDK surface"). Same names and
// behaviour as the Go and Python SDKs.
import { type Client, createClient, createConfig } from './gen/client/index.ts';
import * as api from './gen/sdk.gen.ts';
import type * as T from './gen/types.gen.ts';
import { createTransport, type RetryPolicy } from './transport.ts';
import { httpJwksSource, KeySet, type SessionClaims, TokenVerifier, type VerifyOptions } from './verify.ts';

export const DEFAULT_BASE_URL = 'https://api.qeetid.com';
export const VERSION = '0.1.0';

export interface QeetidOptions {
  /** `qk_…`; defaults to the QEETID_API_KEY environment variable. */
  apiKey?: string;
  /** Defaults to QEETID_BASE_URL, then https://api.qeetid.com. */
  baseUrl?: string;
  /** Per attempt, in ms (default 30 000). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 2); 0 turns retries off. */
  maxRetries?: number;
  /** Expected `iss` of access tokens (default: the base URL). */
  issuer?: string;
  /** Expected `aud` of access tokens (default: the issuer). */
  audience?: string | string[];
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
}

export interface PermissionCheck {
  user: string;
  tenant: string;
  permission: string;
}

/** A role given to a member of a tenant. */
export interface RoleAssignment {
  user: string;
  tenant: string;
  role: string;
}

export interface Page<Item> {
  items: Item[];
  next_cursor: string | null;
}
export interface ListQuery {
  limit?: number;
  cursor?: string;
}

const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name] || undefined;

/** Follows `next_cursor` from page to page, yielding every item. */
async function* everyItem<Item, Q extends ListQuery>(
  fetchPage: (query: Q) => Promise<Page<Item>>,
  query: Q,
): AsyncGenerator<Item, void, undefined> {
  let cursor = query.cursor;
  do {
    const page = await fetchPage({ ...query, cursor });
    yield* page.items;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}

export class Qeetid {
  readonly baseUrl: string;
  readonly users: Users;
  readonly tenants: Tenants;
  readonly apiKeys: ApiKeys;
  readonly roles: Roles;
  readonly groups: Groups;
  readonly sessions: Sessions;
  /** The generated client, configured like the facade; for operations the facade does not wrap. */
  readonly client: Client;

  constructor(options: QeetidOptions = {}) {
    this.baseUrl = (options.baseUrl ?? env('QEETID_BASE_URL') ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    const apiKey = options.apiKey ?? env('QEETID_API_KEY');
    const timeoutMs = options.timeoutMs ?? 30_000;
    const retry: RetryPolicy = { maxRetries: options.maxRetries ?? 2, baseDelayMs: 250, maxDelayMs: 20_000 };
    const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    const transport = createTransport({
      authorization: apiKey ? `ApiKey ${apiKey}` : undefined,
      timeoutMs,
      retry,
      fetch: baseFetch,
      userAgent: `qeetid-typescript/${VERSION}`,
    });
    this.client = createClient(createConfig({ baseUrl: this.baseUrl, fetch: transport, throwOnError: true }));
    this.users = new Users(this.client);
    this.tenants = new Tenants(this.client);
    this.apiKeys = new ApiKeys(this.client);
    this.roles = new Roles(this.client);
    this.groups = new Groups(this.client);
    const issuer = options.issuer ?? this.baseUrl;
    const keys = new KeySet(httpJwksSource(`${this.baseUrl}/.well-known/jwks.json`, baseFetch, timeoutMs));
    this.sessions = new Sessions(keys, { issuer, audience: options.audience ?? issuer });
  }

  /** May this user do this in this tenant? One call to `GET /v1/check`. */
  async can(check: PermissionCheck): Promise<boolean> {
    const query = { user_id: check.user, tenant_id: check.tenant, permission: check.permission };
    return (await api.checkPermission({ client: this.client, query, throwOnError: true })).data.allowed;
  }

  /** True when every check is allowed; one call to `POST /v1/check/batch`. */
  async canAll(checks: PermissionCheck[]): Promise<boolean> {
    if (checks.length === 0) return true;
    const body = { checks: checks.map((c) => ({ user_id: c.user, tenant_id: c.tenant, permission: c.permission })) };
    const { results } = (await api.checkPermissions({ client: this.client, body, throwOnError: true })).data;
    return results.length === checks.length && results.every((r) => r.allowed);
  }
}

export class Sessions {
  private readonly keys: KeySet;
  private readonly defaults: VerifyOptions;
  private readonly verifier: TokenVerifier;
  constructor(keys: KeySet, defaults: VerifyOptions) {
    this.keys = keys;
    this.defaults = defaults;
    this.verifier = new TokenVerifier(keys, defaults);
  }

  /**
   * Verifies an access token offline against the cached JWKS: ES256 signature, `typ`, `exp`/`nbf`
   * (with clock skew), `iss`, `aud`. Throws {@link TokenVerificationError}.
   */
  verify(token: string, options?: Partial<VerifyOptions>): Promise<SessionClaims> {
    if (!options) return this.verifier.verify(token);
    return new TokenVerifier(this.keys, { ...this.defaults, ...options }).verify(token);
  }
}

export class Users {
  private readonly client: Client;
  constructor(client: Client) {
    this.client = client;
  }
  async create(body: T.UserCreate): Promise<T.User> {
    return (await api.createUser({ client: this.client, body, throwOnError: true })).data;
  }
  async get(id: string): Promise<T.User> {
    return (await api.getUser({ client: this.client, path: { id }, throwOnError: true })).data;
  }
  async update(id: string, body: T.UserUpdate): Promise<T.User> {
    return (await api.updateUser({ client: this.client, path: { id }, body, throwOnError: true })).data;
  }
  async delete(id: string): Promise<void> {
    await api.deleteUser({ client: this.client, path: { id }, throwOnError: true });
  }
  /** Sets or replaces the user's password (the tenant's auth policy applies). */
  async setPassword(id: string, body: T.AdminPasswordSet): Promise<void> {
    await api.setUserPassword({ client: this.client, path: { id }, body, throwOnError: true });
  }
  async restore(id: string): Promise<T.User> {
    return (await api.restoreUser({ client: this.client, path: { id }, throwOnError: true })).data;
  }
  async list(query: ListQuery & { email?: string } = {}): Promise<T.UserList> {
    return (await api.listUsers({ client: this.client, query, throwOnError: true })).data;
  }
  listAll(query: ListQuery & { email?: string } = {}): AsyncGenerator<T.User, void, undefined> {
    return everyItem((q) => this.list(q), query);
  }
}

export class Tenants {
  private readonly client: Client;
  constructor(client: Client) {
    this.client = client;
  }
  async create(body: T.TenantCreate): Promise<T.Tenant> {
    return (await api.createTenant({ client: this.client, body, throwOnError: true })).data;
  }
  async get(tenantId: string): Promise<T.Tenant> {
    return (await api.getTenant({ client: this.client, path: { tenantID: tenantId }, throwOnError: true })).data;
  }
  async update(tenantId: string, body: T.TenantUpdate): Promise<T.Tenant> {
    return (await api.updateTenant({ client: this.client, path: { tenantID: tenantId }, body, throwOnError: true }))
      .data;
  }
  async delete(tenantId: string): Promise<void> {
    await api.deleteTenant({ client: this.client, path: { tenantID: tenantId }, throwOnError: true });
  }
  async list(query: ListQuery = {}): Promise<T.TenantList> {
    return (await api.listTenants({ client: this.client, query, throwOnError: true })).data;
  }
  listAll(query: ListQuery = {}): AsyncGenerator<T.Tenant, void, undefined> {
    return everyItem((q) => this.list(q), query);
  }
  async listMembers(tenantId: string, query: ListQuery = {}): Promise<T.MemberList> {
    return (
      await api.listTenantMembers({ client: this.client, path: { tenantID: tenantId }, query, throwOnError: true })
    ).data;
  }
}

export class ApiKeys {
  private readonly client: Client;
  constructor(client: Client) {
    this.client = client;
  }
  /** Creates a key in the caller's tenant, or in `tenantId` (a child tenant the caller manages). */
  async create(body: T.ApiKeyCreate, options: { tenantId?: string } = {}): Promise<T.ApiKeyWithSecret> {
    const call = options.tenantId
      ? api.createTenantApiKey({ client: this.client, path: { tenantID: options.tenantId }, body, throwOnError: true })
      : api.createApiKey({ client: this.client, body, throwOnError: true });
    return (await call).data;
  }
  async list(tenantId: string, query: ListQuery = {}): Promise<T.ApiKeyList> {
    return (await api.listApiKeys({ client: this.client, path: { tenantID: tenantId }, query, throwOnError: true }))
      .data;
  }
  listAll(tenantId: string, query: ListQuery = {}): AsyncGenerator<T.ApiKey, void, undefined> {
    return everyItem((q) => this.list(tenantId, q), query);
  }
  async revoke(id: string): Promise<void> {
    await api.revokeApiKey({ client: this.client, path: { id }, throwOnError: true });
  }
}

export class Roles {
  private readonly client: Client;
  constructor(client: Client) {
    this.client = client;
  }
  async list(tenantId: string, query: ListQuery = {}): Promise<T.RoleList> {
    return (await api.listRoles({ client: this.client, path: { tenantID: tenantId }, query, throwOnError: true })).data;
  }
  listAll(tenantId: string, query: ListQuery = {}): AsyncGenerator<T.Role, void, undefined> {
    return everyItem((q) => this.list(tenantId, q), query);
  }
  async create(tenantId: string, body: T.RoleCreate): Promise<T.Role> {
    return (await api.createRole({ client: this.client, path: { tenantID: tenantId }, body, throwOnError: true })).data;
  }
  async update(tenantId: string, roleId: string, body: T.RoleUpdate): Promise<T.Role> {
    const path = { tenantID: tenantId, roleID: roleId };
    return (await api.updateRole({ client: this.client, path, body, throwOnError: true })).data;
  }
  async delete(tenantId: string, roleId: string): Promise<void> {
    await api.deleteRole({ client: this.client, path: { tenantID: tenantId, roleID: roleId }, throwOnError: true });
  }
  /** Gives a member of the tenant the role (a built-in role replaces the member's current one). */
  async assign(a: RoleAssignment): Promise<void> {
    const path = { userID: a.user, tenantID: a.tenant, roleID: a.role };
    await api.assignRole({ client: this.client, path, throwOnError: true });
  }
  async unassign(a: RoleAssignment): Promise<void> {
    const path = { userID: a.user, tenantID: a.tenant, roleID: a.role };
    await api.unassignRole({ client: this.client, path, throwOnError: true });
  }
}

export class Groups {
  private readonly client: Client;
  constructor(client: Client) {
    this.client = client;
  }
  async list(tenantId: string, query: ListQuery = {}): Promise<T.GroupList> {
    return (await api.listGroups({ client: this.client, path: { tenantID: tenantId }, query, throwOnError: true }))
      .data;
  }
  listAll(tenantId: string, query: ListQuery = {}): AsyncGenerator<T.Group, void, undefined> {
    return everyItem((q) => this.list(tenantId, q), query);
  }
  /** Creates a group in the caller's tenant. */
  async create(body: T.GroupCreate): Promise<T.Group> {
    return (await api.createGroup({ client: this.client, body, throwOnError: true })).data;
  }
  async update(groupId: string, body: T.GroupUpdate): Promise<T.Group> {
    return (await api.updateGroup({ client: this.client, path: { id: groupId }, body, throwOnError: true })).data;
  }
  async delete(groupId: string): Promise<void> {
    await api.deleteGroup({ client: this.client, path: { id: groupId }, throwOnError: true });
  }
  async listMembers(groupId: string, query: ListQuery = {}): Promise<T.GroupMemberList> {
    return (await api.listGroupMembers({ client: this.client, path: { id: groupId }, query, throwOnError: true })).data;
  }
  async addMember(groupId: string, userId: string): Promise<void> {
    await api.addGroupMember({ client: this.client, path: { id: groupId, userID: userId }, throwOnError: true });
  }
  async removeMember(groupId: string, userId: string): Promise<void> {
    await api.removeGroupMember({ client: this.client, path: { id: groupId, userID: userId }, throwOnError: true });
  }
  /** Every member of the group holds the role in the tenant while they stay in the group. */
  async assignRole(tenantId: string, groupId: string, roleId: string): Promise<void> {
    const path = { tenantID: tenantId, groupID: groupId, roleID: roleId };
    await api.assignGroupRole({ client: this.client, path, throwOnError: true });
  }
  async unassignRole(tenantId: string, groupId: string, roleId: string): Promise<void> {
    const path = { tenantID: tenantId, groupID: groupId, roleID: roleId };
    await api.unassignGroupRole({ client: this.client, path, throwOnError: true });
  }
}
