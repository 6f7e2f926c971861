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
    const issuer = options.issuer ?? this.baseUrl;
    const keys = new KeySet(httpJwksSource(`${this.baseUrl}/.well-known/jwks.json`, baseFetch, timeoutMs));
    this.sessions = new Sessions(keys, { issuer, audience: options.audience ?? issuer });
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
