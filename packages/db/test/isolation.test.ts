import { PGlite } from '@electric-sql/pglite';
import { GENESIS_HASH } from '@qeetid/contract';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transactionStatement } from '../src/repos/hot-statements.ts';
import * as schema from '../src/schema.ts';
import { type TenantRepos, tenantRepos } from '../src/tenant-repos.ts';
import type { TenantScope, Tx } from '../src/types.ts';
import { passkeyRow } from './support/fixtures.ts';

/**
 * Tenant scoping is checked twice, each layer on its own:
 * 1. every repo method, run as tenant B with RLS *off* (as the owner role), touches nothing of A;
 * 2. RLS alone, with no WHERE clause at all, shows B nothing of A in any table.
 */
const A = '01935c00-0000-7000-8000-00000000000a';
const B = '01935c00-0000-7000-8000-00000000000b';
const A_USER = '01935c00-0000-7000-8000-0000000000a1';
const A_KEY = '01935c00-0000-7000-8000-0000000000a2';
const A_SESSION = '01935c00-0000-7000-8000-0000000000a3';
const A_ROLE = '01935c00-0000-7000-8000-0000000000a6';
const A_GROUP = '01935c00-0000-7000-8000-0000000000a4';
const A_POLICY = '01935c00-0000-7000-8000-0000000000a5';
const now = new Date('2026-01-01T00:00:00Z');
const scope = (tenantId: string): TenantScope => ({
  tenantId,
  audit: { actor: { type: 'system', id: null }, ip: null, userAgent: null, requestId: null },
});

let pg: PGlite;
let db: ReturnType<typeof drizzle<typeof schema>>;

/**
 * Runs `fn` as the table owner (no RLS) in a transaction that is always rolled back, and
 * returns its result together with tenant A's rows as seen inside that transaction.
 */
async function asOwner<T>(tenantId: string, fn: (r: TenantRepos) => Promise<T>): Promise<{ result: T; a: unknown }> {
  let out: { result: T; a: unknown } | undefined;
  await db
    .transaction(async (tx) => {
      // A write the foreign keys refuse (linking to another tenant's row) rolls back to a savepoint.
      const result = await tx
        .transaction(async (sp) =>
          fn(tenantRepos(sp as unknown as Tx, transactionStatement(sp as unknown as Tx), scope(tenantId))),
        )
        .catch((e) => {
          if (!isForeignKeyViolation(e)) throw e;
          return undefined as T;
        });
      out = { result, a: (await tx.execute(sql.raw(SNAPSHOT_OF_A))).rows };
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return out as { result: T; a: unknown };
}
class Rollback extends Error {}
const isForeignKeyViolation = (e: unknown): boolean =>
  (e as { code?: string })?.code === '23503' ||
  (!!(e as { cause?: unknown })?.cause && isForeignKeyViolation((e as { cause: unknown }).cause));

beforeAll(async () => {
  pg = new PGlite();
  db = drizzle({ client: pg, schema });
  await migrate(db, { migrationsFolder: new URL('../migrations', import.meta.url).pathname });
  for (const id of [A, B]) {
    await db.insert(schema.tenants).values({ id, name: id, parentId: null, createdAt: now, updatedAt: now });
    await db.insert(schema.auditHeads).values({ tenantId: id, seq: 0, hash: GENESIS_HASH });
  }
  await db.transaction(async (tx) => {
    const r = tenantRepos(tx as unknown as Tx, transactionStatement(tx as unknown as Tx), scope(A));
    await r.users.insert({
      id: A_USER,
      email: 'a@a.test',
      emailNormalized: 'a@a.test',
      createdAt: now,
      updatedAt: now,
    });
    await r.memberships.add(A_USER, 'owner', now);
    await r.apiKeys.insert({
      id: A_KEY,
      name: 'a',
      prefix: 'aaaaaaaaaaaa',
      secretHash: 'x',
      scopes: ['*'],
      createdAt: now,
    });
    await r.pats.insert({
      id: A_KEY,
      userId: A_USER,
      name: 'a',
      prefix: 'aaaaaaaaaaab',
      secretHash: 'x',
      scopes: ['*'],
      createdAt: now,
    });
    await r.audit.append({ action: 'a.secret', target: { type: 't', id: A_USER } });
    await r.audit.flush();
    await r.sessions.open({
      id: A_SESSION,
      userId: A_USER,
      authMethods: ['pwd'],
      createdAt: now,
      expiresAt: new Date('2099-01-01T00:00:00Z'),
      refreshToken: { id: A_SESSION, tokenHash: 'a-hash' },
    });
    await r.passwords.set(A_USER, 'a-password-hash', now);
    await r.authPolicy.put({ password_min_length: 12 }, now);
    await r.roles.insert({ id: A_ROLE, name: 'a-role', description: null }, ['a_secret:read'], now);
    await r.roles.assign(A_USER, A_ROLE, now);
    await r.groups.insert({ id: A_GROUP, name: 'a-group', description: null }, now);
    await r.groups.addMember(A_GROUP, A_USER, now);
    await r.roles.assignToGroup(A_GROUP, A_ROLE, now);
    await r.abacPolicies.insert(
      A_POLICY,
      { name: 'a-policy', description: null, effect: 'deny', permissions: ['*'], condition: 'false', enabled: true },
      now,
    );
    await r.passkeys.insert(passkeyRow(A_USER, { id: A_KEY, credentialId: 'a-credential' }));
    await r.mfa.startTotp(A_USER, 'A-SECRET', now);
    await r.mfa.replaceRecoveryCodes(A_USER, [{ id: A_KEY, codeHash: 'a-code' }], now);
    await r.mfa.insertOtpFactor({
      id: A_KEY,
      userId: A_USER,
      channel: 'email',
      destination: 'a@a.test',
      createdAt: now,
    });
    await r.mfa.setRequired(A_USER, true);
    await r.mfa.insertPendingLogin({
      prefix: 'a-pending',
      secretHash: 'x',
      userId: A_USER,
      signInTenantId: A,
      amr: ['pwd'],
      methods: ['totp'],
      expiresAt: now,
      createdAt: now,
    });
    await r.mfa.recordStepUp('ses_a', A_USER, 'totp', now);
    await r.mfa.putSecurityPolicy({ mfaRequired: true, stepUpMaxAgeSeconds: 300 }, now);
  });
});
afterAll(() => pg.close());

/** Every method of every tenant repo, called as tenant B with tenant A's ids. */
/** The repos' methods (a repo may also expose plain state, such as the audit scope's `written` count). */
type MethodsOf<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T];
type Attacks = { [R in keyof TenantRepos]: { [M in MethodsOf<TenantRepos[R]>]: (r: TenantRepos) => Promise<unknown> } };
const attacks: Attacks = {
  tenants: {
    get: (r) => r.tenants.get(A),
    update: (r) => r.tenants.update(A, { name: 'pwned' }, now),
  },
  users: {
    list: async (r) =>
      (await r.users.list({ limit: 100, deleted: false })).items.concat(
        (await r.users.list({ limit: 100, deleted: true })).items,
      ),
    get: (r) => r.users.get(A_USER),
    insert: async (r) => {
      const row = await r.users.insert({
        id: crypto.randomUUID(),
        email: 'b@b.test',
        emailNormalized: 'b@b.test',
        createdAt: now,
        updatedAt: now,
      });
      return row.tenantId === B ? undefined : row;
    },
    update: (r) => r.users.update(A_USER, { displayName: 'pwned', deletedAt: now }, now),
    purge: async (r) => ((await r.users.purge(A_USER)) ? 'purged' : undefined),
  },
  memberships: {
    add: async (r) => {
      await r.memberships.add(A_USER, 'member', now);
      return (await r.memberships.role(A_USER)) === 'member' ? undefined : 'membership landed elsewhere';
    },
    role: async (r) => r.memberships.role(A_USER),
    removeAll: async (r) => {
      await r.memberships.removeAll(A_USER);
      return undefined;
    },
    list: async (r) => (await r.memberships.list({ limit: 100 })).items,
    setRole: async (r) => ((await r.memberships.setRole(A_USER, 'member')) ? 'changed' : undefined),
    countWithRole: async (r) => ((await r.memberships.countWithRole('owner')) === 0 ? undefined : 'counted A'),
  },
  roles: {
    list: async (r) => (await r.roles.list({ limit: 100 })).items.filter((x) => x.builtin === null),
    get: (r) => r.roles.get(A_ROLE),
    builtin: async (r) => ((await r.roles.builtin('owner'))?.tenantId === B ? undefined : 'foreign role'),
    insert: async (r) => {
      const row = await r.roles.insert({ id: A_ROLE, name: 'b-role', description: null }, ['b:read'], now);
      return row.tenantId === B ? undefined : row;
    },
    update: (r) => r.roles.update(A_ROLE, { name: 'pwned' }, now),
    replacePermissions: async (r) => {
      const changed = await r.roles.replacePermissions(A_ROLE, ['pwned:read'], now);
      return changed.removed.length ? changed : undefined;
    },
    permissions: async (r) => r.roles.permissions(A_ROLE),
    grant: async (r) => ((await r.roles.grant(A_ROLE, 'pwned:write', now)) ? 'granted' : undefined),
    revoke: async (r) => ((await r.roles.revoke(A_ROLE, 'a_secret:read')) ? 'revoked' : undefined),
    deleteCascade: async (r) => {
      const out = await r.roles.deleteCascade(A_ROLE);
      return out.row || out.users.length || out.groups.length ? out : undefined;
    },
    distinctPermissions: (r) => r.roles.distinctPermissions(),
    assign: async (r) => ((await r.roles.assign(A_USER, A_ROLE, now)) ? 'assigned' : undefined),
    unassign: async (r) => ((await r.roles.unassign(A_USER, A_ROLE)) ? 'unassigned' : undefined),
    assignToGroup: async (r) => ((await r.roles.assignToGroup(A_GROUP, A_ROLE, now)) ? 'assigned' : undefined),
    unassignFromGroup: async (r) => ((await r.roles.unassignFromGroup(A_GROUP, A_ROLE)) ? 'unassigned' : undefined),
    ofGroup: (r) => r.roles.ofGroup(A_GROUP),
    model: async (r) => {
      const m = await r.roles.model();
      return [...m.roles.filter((x) => x.builtin === null), ...m.grants, ...m.groups, ...m.groupGrants];
    },
    subject: (r) => r.roles.subject(A_USER),
  },
  groups: {
    list: async (r) => (await r.groups.list({ limit: 100 })).items,
    get: (r) => r.groups.get(A_GROUP),
    insert: async (r) => {
      const row = await r.groups.insert({ id: crypto.randomUUID(), name: 'b-group', description: null }, now);
      return row.tenantId === B ? undefined : row;
    },
    update: (r) => r.groups.update(A_GROUP, { name: 'pwned' }, now),
    delete: (r) => r.groups.delete(A_GROUP),
    members: async (r) => (await r.groups.members(A_GROUP, { limit: 100 })).items,
    addMember: async (r) => ((await r.groups.addMember(A_GROUP, A_USER, now)) ? 'added' : undefined),
    removeMember: async (r) => ((await r.groups.removeMember(A_GROUP, A_USER)) ? 'removed' : undefined),
  },
  abacPolicies: {
    list: async (r) => (await r.abacPolicies.list({ limit: 100 })).items,
    enabled: (r) => r.abacPolicies.enabled(),
    get: (r) => r.abacPolicies.get(A_POLICY),
    insert: async (r) => {
      const row = await r.abacPolicies.insert(
        crypto.randomUUID(),
        { name: 'b', description: null, effect: 'allow', permissions: ['*'], condition: 'true', enabled: true },
        now,
      );
      return row.tenantId === B ? undefined : row;
    },
    update: (r) => r.abacPolicies.update(A_POLICY, { condition: 'true' }, now),
    delete: (r) => r.abacPolicies.delete(A_POLICY),
  },
  apiKeys: {
    insert: async (r) => {
      const row = await r.apiKeys.insert({
        id: crypto.randomUUID(),
        name: 'b',
        prefix: 'bbbbbbbbbbbb',
        secretHash: 'x',
        scopes: ['*'],
        createdAt: now,
      });
      return row.tenantId === B ? undefined : row;
    },
    list: async (r) => (await r.apiKeys.list({ limit: 100 })).items,
    get: (r) => r.apiKeys.get(A_KEY),
    revoke: (r) => r.apiKeys.revoke(A_KEY, now),
  },
  pats: {
    insert: async (r) => {
      const row = await r.pats.insert({
        id: crypto.randomUUID(),
        userId: A_USER,
        name: 'b',
        prefix: 'bbbbbbbbbbbc',
        secretHash: 'x',
        scopes: ['*'],
        createdAt: now,
      });
      return row.tenantId === B ? undefined : row;
    },
    listOfUser: async (r) => (await r.pats.listOfUser(A_USER, { limit: 100 })).items,
    revoke: (r) => r.pats.revoke(A_USER, A_KEY, now),
  },
  sessions: {
    open: async (r) => {
      const row = await r.sessions.open({
        id: crypto.randomUUID(),
        userId: A_USER,
        authMethods: ['pwd'],
        createdAt: now,
        expiresAt: now,
        refreshToken: { id: crypto.randomUUID(), tokenHash: 'b-hash' },
      });
      return row.tenantId === B ? undefined : row;
    },
    get: (r) => r.sessions.get(A_SESSION),
    listLive: async (r) => (await r.sessions.listLive(A_USER, now, { limit: 100 })).items,
    revoke: (r) => r.sessions.revoke(A_SESSION, 'attack', now),
    revokeAllOfUser: (r) => r.sessions.revokeAllOfUser(A_USER, 'attack', now),
    touch: async (r) => {
      await r.sessions.touch(A_SESSION, new Date('2030-01-01T00:00:00Z'));
      return undefined;
    },
    addRefreshToken: async (r) => {
      await r.sessions.addRefreshToken({
        id: crypto.randomUUID(),
        sessionId: A_SESSION,
        tokenHash: 'b',
        createdAt: now,
      });
      return undefined;
    },
  },
  passwords: {
    get: (r) => r.passwords.get(A_USER),
    set: async (r) => ((await r.passwords.set(A_USER, 'pwned', now)) ? 'set' : undefined),
  },
  authPolicy: {
    get: async (r) => ((await r.authPolicy.get()) === undefined ? undefined : 'foreign policy'),
    put: async (r) => {
      await r.authPolicy.put({ password_min_length: 8 }, now);
      return undefined;
    },
  },
  passkeys: {
    listOfUser: (r) => r.passkeys.listOfUser(A_USER),
    insert: async (r) => {
      const row = await r.passkeys.insert(passkeyRow(A_USER));
      return row.tenantId === B ? undefined : row;
    },
    rename: (r) => r.passkeys.rename(A_USER, A_KEY, 'pwned'),
    remove: (r) => r.passkeys.remove(A_USER, A_KEY),
    recordUse: async (r) =>
      (await r.passkeys.recordUse(A_USER, {
        passkeyId: A_KEY,
        signCount: 9,
        previousSignCount: 0,
        backupState: true,
        at: now,
      }))
        ? 'used'
        : undefined,
  },
  mfa: {
    totp: (r) => r.mfa.totp(A_USER),
    startTotp: async (r) => {
      await r.mfa.startTotp(A_USER, 'B-SECRET', now);
      return undefined;
    },
    useTotpStep: async (r) => ((await r.mfa.useTotpStep(A_USER, 99, now)) ? 'used' : undefined),
    deleteTotp: async (r) => ((await r.mfa.deleteTotp(A_USER)) ? 'deleted' : undefined),
    replaceRecoveryCodes: async (r) => {
      await r.mfa.replaceRecoveryCodes(A_USER, [], now);
      return undefined;
    },
    useRecoveryCode: async (r) => ((await r.mfa.useRecoveryCode(A_USER, 'a-code', now)) ? 'used' : undefined),
    recoveryCodesLeft: async (r) => ((await r.mfa.recoveryCodesLeft(A_USER)) === 0 ? undefined : 'counted'),
    otpFactors: (r) => r.mfa.otpFactors(A_USER),
    otpFactor: (r) => r.mfa.otpFactor(A_USER, A_KEY),
    insertOtpFactor: async (r) => {
      const row = await r.mfa.insertOtpFactor({
        id: crypto.randomUUID(),
        userId: A_USER,
        channel: 'sms',
        destination: '+15550000000',
        createdAt: now,
      });
      return row.tenantId === B ? undefined : row;
    },
    updateOtpFactor: (r) => r.mfa.updateOtpFactor(A_USER, A_KEY, { confirmedAt: now }),
    deleteOtpFactor: async (r) => ((await r.mfa.deleteOtpFactor(A_USER, A_KEY)) ? 'deleted' : undefined),
    state: (r) => r.mfa.state(A_USER),
    setRequired: async (r) => {
      await r.mfa.setRequired(A_USER, false);
      return undefined;
    },
    recordFailure: async (r) => ((await r.mfa.recordFailure(A_USER, now, 60_000)) === 1 ? undefined : 'counted'),
    clearFailures: async (r) => {
      await r.mfa.clearFailures(A_USER);
      return undefined;
    },
    resetFactors: async (r) => {
      await r.mfa.resetFactors(A_USER);
      return undefined;
    },
    insertPendingLogin: async (r) => {
      await r.mfa.insertPendingLogin({
        prefix: 'b-pending',
        secretHash: 'x',
        userId: A_USER,
        signInTenantId: A,
        amr: ['pwd'],
        methods: [],
        expiresAt: now,
        createdAt: now,
      });
      return undefined;
    },
    deletePendingLogin: async (r) => ((await r.mfa.deletePendingLogin('a-pending')) ? 'deleted' : undefined),
    recordStepUp: async (r) => {
      await r.mfa.recordStepUp('ses_a', A_USER, 'pwned', now);
      return undefined;
    },
    stepUp: (r) => r.mfa.stepUp('ses_a'),
    securityPolicy: (r) => r.mfa.securityPolicy(),
    putSecurityPolicy: async (r) => {
      const row = await r.mfa.putSecurityPolicy({ mfaRequired: false, stepUpMaxAgeSeconds: 1 }, now);
      return row.tenantId === B ? undefined : row;
    },
  },
  audit: {
    append: async (r) => {
      await r.audit.append({ action: 'b.event', target: { type: 't', id: null } });
      await r.audit.flush();
      const head = await r.audit.head();
      return head?.tenantId === B && head.seq === 1 ? undefined : head;
    },
    flush: async (r) => {
      await r.audit.append({ action: 'b.event', target: { type: 't', id: null } });
      await r.audit.flush();
      const [event] = await r.audit.scan(0, 1);
      return event?.tenantId === B && event.action === 'b.event' ? undefined : event;
    },
    head: async (r) => ((await r.audit.head())?.tenantId === B ? undefined : 'foreign head'),
    list: async (r) => (await r.audit.list({ limit: 100 })).items,
    scan: (r) => r.audit.scan(0, 100),
  },
};

/** What tenant A owns: must be identical after every attack. */
const SNAPSHOT_OF_A = `select
    (select row_to_json(t) from tenants t where id = '${A}') as tenant,
    (select json_agg(u) from users u where tenant_id = '${A}') as users,
    (select json_agg(m) from memberships m where tenant_id = '${A}') as memberships,
    (select json_agg(k) from api_keys k where tenant_id = '${A}') as keys,
    (select json_agg(p) from personal_access_tokens p where tenant_id = '${A}') as pats,
    (select json_agg(e) from audit_events e where tenant_id = '${A}') as events,
    (select json_agg(h) from audit_heads h where tenant_id = '${A}') as head,
    (select json_agg(s) from sessions s where tenant_id = '${A}') as sessions,
    (select json_agg(t) from refresh_tokens t where tenant_id = '${A}') as refresh_tokens,
    (select json_agg(p) from user_passwords p where user_id = '${A_USER}') as passwords,
    (select json_agg(p) from auth_policies p where tenant_id = '${A}') as policies,
    (select json_agg(x order by x.name) from roles x where tenant_id = '${A}') as roles,
    (select json_agg(x) from role_permissions x where tenant_id = '${A}') as role_permissions,
    (select json_agg(x) from role_assignments x where tenant_id = '${A}') as role_assignments,
    (select json_agg(x) from groups x where tenant_id = '${A}') as groups,
    (select json_agg(x) from group_members x where tenant_id = '${A}') as group_members,
    (select json_agg(x) from group_roles x where tenant_id = '${A}') as group_roles,
    (select json_agg(x) from abac_policies x where tenant_id = '${A}') as abac_policies,
    (select json_agg(x) from authz_versions x where tenant_id = '${A}') as authz_version,
    (select json_agg(w) from webauthn_credentials w where tenant_id = '${A}') as passkeys,
    (select json_agg(x) from mfa_totp x where tenant_id = '${A}') as totp,
    (select json_agg(x) from mfa_recovery_codes x where tenant_id = '${A}') as codes,
    (select json_agg(x) from mfa_otp_factors x where tenant_id = '${A}') as otp,
    (select json_agg(x) from mfa_user_state x where tenant_id = '${A}') as mfa_state,
    (select json_agg(x) from mfa_pending_logins x where tenant_id = '${A}') as pending,
    (select json_agg(x) from step_up_verifications x where tenant_id = '${A}') as step_ups,
    (select json_agg(x) from tenant_security_policies x where tenant_id = '${A}') as policy`;

/** Anything that identifies tenant A's data. */
const MARKERS_OF_A = [
  A,
  A_USER,
  A_KEY,
  A_SESSION,
  A_ROLE,
  A_GROUP,
  A_POLICY,
  'a.secret',
  'a@a.test',
  'a-password-hash',
  'a_secret:read',
  'A-SECRET',
  'a-credential',
  'a-code',
  'a-pending',
];

describe('repos scope every query to their tenant (RLS off)', () => {
  it('has an attack for every repo method', async () => {
    const { result: repos } = await asOwner(B, async (r) => r);
    for (const [name, repo] of Object.entries(repos)) {
      const methods = Object.keys(repo).filter((k) => typeof (repo as Record<string, unknown>)[k] === 'function');
      expect(Object.keys(attacks[name as keyof TenantRepos]).sort(), name).toEqual(methods.sort());
    }
  });

  const cases = Object.entries(attacks).flatMap(([repo, methods]) =>
    Object.entries(methods).map(([method, attack]) => [`${repo}.${method}`, attack] as const),
  );
  it.each(cases)('%s as tenant B reveals and changes nothing of tenant A', async (_name, attack) => {
    const before = (await pg.query(SNAPSHOT_OF_A)).rows;
    const { result, a } = await asOwner(B, attack as (r: TenantRepos) => Promise<unknown>);
    const seen = JSON.stringify(result ?? null);
    for (const marker of MARKERS_OF_A) expect(seen).not.toContain(marker);
    if (!Array.isArray(result)) expect(result).toBeUndefined();
    expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify(before)));
  });

  it('really writes when it is the owner tenant (the attacks are not vacuous)', async () => {
    const renamed = await asOwner(A, (r) => r.tenants.update(A, { name: 'renamed' }, now));
    expect(renamed.result?.name).toBe('renamed');
    expect(JSON.stringify(renamed.a)).toContain('renamed');
    const user = await asOwner(A, (r) => r.users.get(A_USER));
    expect(user.result?.email).toBe('a@a.test');
  });
});

describe('row-level security alone hides other tenants (no WHERE clause)', () => {
  const tables = Object.values(schema).filter(
    (v): v is typeof schema.users => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v,
  );

  it('is enabled on every table', async () => {
    const names = tables.map((t) => (t as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')]);
    const res = await pg.query<{ relname: string; relrowsecurity: boolean }>(
      `select relname, relrowsecurity from pg_class where relname = any($1)`,
      [names],
    );
    expect(res.rows.length).toBe(names.length);
    expect(res.rows.filter((r) => !r.relrowsecurity)).toEqual([]);
  });

  it.each(tables.map((t) => [(t as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')] as string]))(
    '%s shows tenant B none of tenant A',
    async (name) => {
      const rows = await db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('qeet.tenant_id', ${B}, true), set_config('role', 'qeet_app', true)`);
        return (await tx.execute(sql.raw(`select * from ${name}`))).rows;
      });
      expect(JSON.stringify(rows)).not.toContain(A);
      expect(JSON.stringify(rows)).not.toContain(A_USER);
    },
  );
});
