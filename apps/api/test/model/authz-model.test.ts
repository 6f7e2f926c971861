import { newId } from '@qeetid/contract';
import type { Database, TenantScope } from '@qeetid/db';
import { openTestDb } from '@qeetid/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltinRole, builtinRoleGrants } from '../../src/modules/authz/catalogue.ts';
import { AuthzEngine, compileModel, evaluate, type ModelRows } from '../../src/modules/authz/engine.ts';

/**
 * The engine (SQL model + compiled grant sets + cache) against a brute-force evaluator written
 * from the rules alone, over random tenants: members with built-in roles, custom roles with
 * wildcard grants, groups granting roles, direct assignments — then again after a random change,
 * which the version counter must make the cache see.
 */
const DB_RUNS = Number(process.env.AUTHZ_MODEL_DB_RUNS ?? 120);
const PURE_RUNS = Number(process.env.AUTHZ_MODEL_RUNS ?? 3000);
const GRANTS = ['*', 'r0:*', 'r1:*', 'r0:a0', 'r0:a1', 'r1:a0', 'r2:a1', 'users:read', 'users:*'];
const WANTED = [
  'r0:a0',
  'r0:a1',
  'r1:a0',
  'r1:a1',
  'r2:a1',
  'r0:*',
  '*',
  'users:read',
  'users:write',
  'tenants:delete',
  'zz:top',
];
const BUILTIN: BuiltinRole[] = ['owner', 'admin', 'member'];

interface Graph {
  users: { membership: BuiltinRole | null; active: boolean }[];
  roles: string[][];
  groups: { members: number[]; roles: (number | BuiltinRole)[] }[];
  direct: [number, number][];
  change: number;
}

const graphArb: fc.Arbitrary<Graph> = fc
  .record({
    users: fc.array(
      fc.record({
        membership: fc.option(fc.constantFrom(...BUILTIN), { nil: null, freq: 5 }),
        active: fc.boolean().map((b) => b || Math.random() > 0.1),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    roles: fc.array(fc.uniqueArray(fc.constantFrom(...GRANTS), { maxLength: 4 }), { maxLength: 5 }),
    groupCount: fc.nat({ max: 3 }),
    picks: fc.array(fc.nat({ max: 99 }), { minLength: 40, maxLength: 40 }),
    change: fc.nat({ max: 99 }),
  })
  .map(({ users, roles, groupCount, picks, change }) => {
    let i = 0;
    const pick = () => picks[i++ % picks.length] as number;
    const members = users.flatMap((u, idx) => (u.membership ? [idx] : []));
    const groups = Array.from({ length: groupCount }, () => ({
      members: [...new Set(members.filter(() => pick() % 2 === 0))],
      roles: [...new Set([...roles.keys(), ...BUILTIN].filter(() => pick() % 3 === 0) as (number | BuiltinRole)[])],
    }));
    const direct: [number, number][] = [];
    for (const u of members) for (const r of roles.keys()) if (pick() % 3 === 0) direct.push([u, r]);
    return { users, roles, groups, direct, change };
  });

/** The rules, spelled out: a grant covers a permission when equal, `*`, or `resource:*` of it. */
function coversBrute(grant: string, wanted: string): boolean {
  if (grant === '*') return true;
  const [gr, ga] = grant.split(':');
  const [wr, wa] = wanted.split(':');
  return gr === wr && (ga === '*' || ga === wa);
}

function mostSpecific(grants: readonly string[], wanted: string): string | undefined {
  const matching = grants.filter((g) => coversBrute(g, wanted));
  return (
    matching.find((g) => g === wanted) ?? matching.find((g) => g.endsWith(':*')) ?? matching.find((g) => g === '*')
  );
}

function bruteForce(g: Graph, user: number, wanted: string, ids: Ids) {
  const u = g.users[user];
  if (!u?.membership || !u.active) return { allowed: false, paths: [] as string[] };
  const held: { role: number | BuiltinRole; path: string }[] = [{ role: u.membership, path: 'direct' }];
  for (const [du, r] of g.direct) if (du === user) held.push({ role: r, path: 'direct' });
  g.groups.forEach((grp, gi) => {
    if (grp.members.includes(user)) for (const r of grp.roles) held.push({ role: r, path: `group:${ids.groups[gi]}` });
  });
  const paths: string[] = [];
  for (const h of held) {
    const grants = typeof h.role === 'number' ? (g.roles[h.role] as string[]) : builtinRoleGrants[h.role];
    const match = mostSpecific(grants, wanted);
    if (match) paths.push(`${ids.roleOf(h.role)}|${h.path}|${match}`);
  }
  return { allowed: paths.length > 0, paths: paths.sort() };
}

interface Ids {
  tenant: string;
  users: string[];
  roles: string[];
  groups: string[];
  roleOf: (r: number | BuiltinRole) => string;
}

let db: Database;
let engine: AuthzEngine;
beforeAll(async () => {
  db = await openTestDb();
  engine = new AuthzEngine(db);
});
afterAll(() => db.close());

const system: TenantScope['audit'] = {
  actor: { type: 'system', id: null },
  ip: null,
  userAgent: null,
  requestId: null,
};

async function store(g: Graph): Promise<Ids> {
  const tenant = newId('tenant').uuid;
  const now = new Date();
  await db.platform((p) => p.insertTenant({ id: tenant, name: 'model', parentId: null }, now));
  return db.withTenant({ tenantId: tenant, audit: system }, async (r) => {
    const users = g.users.map(() => newId('user').uuid);
    for (const [i, u] of g.users.entries()) {
      const id = users[i] as string;
      await r.users.insert({
        id,
        email: `${id}@model.test`,
        emailNormalized: `${id}@model.test`,
        status: u.active ? 'active' : 'disabled',
        createdAt: now,
        updatedAt: now,
      });
      if (u.membership) await r.memberships.add(id, u.membership, now);
    }
    const roles = g.roles.map(() => newId('role').uuid);
    for (const [i, perms] of g.roles.entries()) {
      await r.roles.insert({ id: roles[i] as string, name: `role${i}`, description: null }, perms, now);
    }
    const builtin = Object.fromEntries(
      await Promise.all(BUILTIN.map(async (b) => [b, (await r.roles.builtin(b))?.id as string])),
    );
    const roleOf = (x: number | BuiltinRole) => (typeof x === 'number' ? (roles[x] as string) : builtin[x]);
    const groups = g.groups.map(() => newId('group').uuid);
    for (const [i, grp] of g.groups.entries()) {
      const id = groups[i] as string;
      await r.groups.insert({ id, name: `group${i}`, description: null }, now);
      for (const m of grp.members) await r.groups.addMember(id, users[m] as string, now);
      for (const role of grp.roles) await r.roles.assignToGroup(id, roleOf(role), now);
    }
    for (const [u, role] of g.direct) await r.roles.assign(users[u] as string, roles[role] as string, now);
    return { tenant, users, roles, groups, roleOf };
  });
}

/** A random change: drop a direct assignment, a group membership, a group's role, or demote. */
async function mutate(g: Graph, ids: Ids): Promise<Graph> {
  const kinds = [
    g.direct.length ? 'direct' : null,
    g.groups.some((x) => x.members.length) ? 'member' : null,
    g.groups.some((x) => x.roles.length) ? 'groupRole' : null,
    g.users.some((u) => u.membership && u.membership !== 'member') ? 'demote' : null,
  ].filter((k): k is string => k !== null);
  const kind = kinds[g.change % Math.max(kinds.length, 1)];
  const next: Graph = structuredClone(g);
  await db.withTenant({ tenantId: ids.tenant, audit: system }, async (r) => {
    if (kind === 'direct') {
      const [[u, role]] = next.direct.splice(g.change % next.direct.length, 1) as [[number, number]];
      await r.roles.unassign(ids.users[u] as string, ids.roles[role] as string);
    } else if (kind === 'member') {
      const gi = next.groups.findIndex((x) => x.members.length);
      const grp = next.groups[gi] as Graph['groups'][number];
      const [m] = grp.members.splice(0, 1) as [number];
      await r.groups.removeMember(ids.groups[gi] as string, ids.users[m] as string);
    } else if (kind === 'groupRole') {
      const gi = next.groups.findIndex((x) => x.roles.length);
      const grp = next.groups[gi] as Graph['groups'][number];
      const [role] = grp.roles.splice(0, 1) as [number | BuiltinRole];
      await r.roles.unassignFromGroup(ids.groups[gi] as string, ids.roleOf(role));
    } else if (kind === 'demote') {
      const u = next.users.findIndex((x) => x.membership && x.membership !== 'member');
      (next.users[u] as Graph['users'][number]).membership = 'member';
      await r.memberships.setRole(ids.users[u] as string, 'member');
    }
  });
  return next;
}

async function compare(g: Graph, ids: Ids): Promise<void> {
  // As a request would: the version is read with the credential, once.
  const version = await db.platformRead((p) => p.authzVersion(ids.tenant));
  for (const [u, userId] of ids.users.entries()) {
    for (const wanted of WANTED) {
      const expected = bruteForce(g, u, wanted, ids);
      const d = await engine.decide(ids.tenant, userId, wanted, { version, explain: true });
      const paths = d.grants.map(
        (p) => `${p.role.id}|${p.via === 'group' ? `group:${p.group?.id}` : 'direct'}|${p.permission}`,
      );
      expect({ user: u, wanted, allowed: d.allowed, paths: paths.sort() }).toEqual({ user: u, wanted, ...expected });
      if (!expected.allowed) expect(d.reason).toBeTruthy();
      // Without explain the engine may stop at the first grant; the answer must not change.
      expect((await engine.decide(ids.tenant, userId, wanted, { version })).allowed).toBe(expected.allowed);
    }
  }
}

/** The same graph as the rows the repos return, for the engine's pure core. */
function rowsOf(g: Graph): { rows: ModelRows; ids: Ids } {
  const ids: Ids = {
    tenant: 'tenant',
    users: g.users.map((_, i) => `u${i}`),
    roles: g.roles.map((_, i) => `r${i}`),
    groups: g.groups.map((_, i) => `g${i}`),
    roleOf: (x) => (typeof x === 'number' ? `r${x}` : `builtin-${x}`),
  };
  const rows: ModelRows = {
    version: 1,
    roles: [
      ...BUILTIN.map((b) => ({ id: `builtin-${b}`, name: b, builtin: b })),
      ...g.roles.map((_, i) => ({ id: `r${i}`, name: `role${i}`, builtin: null })),
    ],
    grants: g.roles.flatMap((perms, i) => perms.map((permission) => ({ roleId: `r${i}`, permission }))),
    groups: g.groups.map((_, i) => ({ id: `g${i}`, name: `group${i}` })),
    groupGrants: g.groups.flatMap((grp, i) => grp.roles.map((r) => ({ groupId: `g${i}`, roleId: ids.roleOf(r) }))),
  };
  return { rows, ids };
}

describe('the decision engine agrees with a brute-force evaluator', () => {
  it(`on ${PURE_RUNS} random graphs through the compiled model`, { timeout: 600_000 }, () => {
    fc.assert(
      fc.property(graphArb, (g) => {
        const { rows, ids } = rowsOf(g);
        const model = compileModel(rows, []);
        for (const [u, user] of g.users.entries()) {
          const subject = user.membership
            ? {
                builtinRole: user.membership,
                status: user.active ? 'active' : 'disabled',
                email: 'x@y.test',
                metadata: {},
                roles: g.direct.filter(([du]) => du === u).map(([, r]) => `r${r}`),
                groups: g.groups.flatMap((grp, gi) => (grp.members.includes(u) ? [`g${gi}`] : [])),
              }
            : null;
          for (const wanted of WANTED) {
            const expected = bruteForce(g, u, wanted, ids);
            const d = evaluate(model, `u${u}`, subject, wanted, {}, true);
            const paths = d.grants.map(
              (p) => `${p.role.id}|${p.via === 'group' ? `group:${p.group?.id}` : 'direct'}|${p.permission}`,
            );
            expect({ user: u, wanted, allowed: d.allowed, paths: paths.sort() }).toEqual({
              user: u,
              wanted,
              ...expected,
            });
            expect(evaluate(model, `u${u}`, subject, wanted, {}, false).allowed).toBe(expected.allowed);
          }
        }
      }),
      { numRuns: PURE_RUNS },
    );
  });

  it(`on ${DB_RUNS} random tenants stored in the database, before and after a random change`, {
    timeout: 600_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(graphArb, async (g) => {
        const ids = await store(g);
        await compare(g, ids);
        await compare(await mutate(g, ids), ids);
      }),
      { numRuns: DB_RUNS },
    );
  });
});
