import { encodeId } from '@qeetid/contract';
import type { AbacPolicyRow, Database, TenantRepos, TenantScope } from '@qeetid/db';
import { builtinCatalogue, builtinRoleGrants, isBuiltinRole } from './catalogue.ts';
import { type Condition, type ConditionInput, compileCondition, runCondition } from './conditions.ts';
import { GrantSet, resourceOf } from './permission.ts';

/**
 * The decision engine. Per tenant it caches a model (roles with compiled grant sets, groups,
 * policies) and per member a subject (built-in role, direct roles, groups). Every cache entry
 * carries the tenant's authorization version, which triggers raise in the same transaction as
 * any change; a caller that has seen version v never gets a decision from a model older than v.
 */
export interface Ref {
  id: string;
  name: string;
}

export interface GrantPath {
  role: Ref;
  via: 'direct' | 'group';
  group?: Ref;
  /** The grant that matched: the permission itself, `resource:*` or `*`. */
  permission: string;
}

export interface PolicyOutcome {
  policy: Ref & { effect: 'allow' | 'deny' };
  result: boolean | 'error';
  error?: string;
}

export interface Decision {
  allowed: boolean;
  grants: GrantPath[];
  reason?: string;
  /** The ABAC policy that decided, when one did. */
  policy?: Ref & { effect: 'allow' | 'deny' };
  policies: PolicyOutcome[];
}

export interface CheckContext {
  ip?: string | null;
  time?: Date;
  resource?: Record<string, unknown>;
}

interface Role {
  id: string;
  name: string;
  builtin: string | null;
  grants: GrantSet;
  permissions: readonly string[];
}

interface Policy {
  ref: Ref & { effect: 'allow' | 'deny' };
  applies: GrantSet;
  condition: Condition | null;
  problem?: string;
}

export interface Model {
  version: number;
  roles: Map<string, Role>;
  builtin: Map<string, Role>;
  groups: Map<string, { ref: Ref; roles: string[] }>;
  policies: Policy[];
  /** The custom roles' grants (bar `*`), to tell an unknown permission from a withheld one. */
  customGrants: GrantSet;
  subjects: Map<string, Subject | null>;
  loading: Map<string, Promise<Subject | null>>;
  /** Per member, the union of every role they hold: the common (unexplained) check is one lookup. */
  memberGrants: WeakMap<Subject, GrantSet>;
}

const MAX_TENANTS = 10_000;
const MAX_SUBJECTS_PER_TENANT = 100_000;
const SYSTEM: TenantScope['audit'] = {
  actor: { type: 'system', id: null },
  ip: null,
  userAgent: null,
  requestId: null,
};

export class AuthzEngine {
  private readonly models = new Map<string, Model>();
  private readonly building = new Map<string, Promise<Model>>();

  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /**
   * May `userId` hold `permission` in `tenantId`? `version` is the tenant's authorization
   * version as the caller saw it (read with its credential); omitted, it is read here.
   */
  async decide(
    tenantId: string,
    userId: string,
    permission: string,
    options: { version?: number | undefined; context?: CheckContext; explain?: boolean } = {},
  ): Promise<Decision> {
    const model = await this.model(tenantId, options.version);
    const subject = await this.subject(model, tenantId, userId);
    return evaluate(model, userId, subject, permission, options.context ?? {}, options.explain ?? false);
  }

  /** Every grant path of a member (direct ∪ group-derived), for the effective-permissions view. */
  async effective(
    tenantId: string,
    userId: string,
    version?: number,
  ): Promise<{ member: boolean; grants: GrantPath[] }> {
    const model = await this.model(tenantId, version);
    const subject = await this.subject(model, tenantId, userId);
    if (!subject) return { member: false, grants: [] };
    const grants: GrantPath[] = [];
    for (const path of rolePaths(model, subject)) {
      for (const permission of path.role.permissions) grants.push({ ...path.ref, permission });
    }
    return { member: true, grants };
  }

  /**
   * The ABAC layer alone (the PDP view): every applicable policy evaluated, combined as the
   * decision does — deny if a deny policy holds or fails, else allow if an allow policy holds.
   * Undefined when the user is not a member.
   */
  async evaluatePolicies(
    tenantId: string,
    userId: string,
    permission: string,
    context: CheckContext,
    version?: number,
  ): Promise<
    | { decision: 'allow' | 'deny' | 'not_applicable'; policy?: Decision['policy']; policies: PolicyOutcome[] }
    | undefined
  > {
    const model = await this.model(tenantId, version);
    const subject = await this.subject(model, tenantId, userId);
    if (!subject) return undefined;
    const resource = resourceOf(permission);
    const input = conditionInput(userId, subject, permission, context);
    const applicable = model.policies.filter((p) => p.applies.match(permission, resource) !== undefined);
    // Every applicable policy is listed, so each runs once here and the decision reads its outcome.
    const outcomes = new Map(applicable.map((p) => [p, runPolicy(p, input)] as const));
    const policies = [...outcomes.values()];
    const decided = decidingPolicy(applicable, (p) => outcomes.get(p) as PolicyOutcome, true);
    if (decided) return { decision: decided.policy.effect, policy: decided.policy, policies };
    return { decision: 'not_applicable', policies };
  }

  private async model(tenantId: string, version?: number): Promise<Model> {
    const required = version ?? (await this.db.platformRead((p) => p.authzVersion(tenantId)));
    const cached = this.models.get(tenantId);
    if (cached && cached.version >= required) return cached;
    let pending = this.building.get(tenantId);
    if (!pending) {
      pending = this.build(tenantId).finally(() => this.building.delete(tenantId));
      this.building.set(tenantId, pending);
    }
    const built = await pending;
    // A build that started before the caller's version was committed may be too old: build again.
    return built.version >= required ? built : this.model(tenantId, required);
  }

  private async build(tenantId: string): Promise<Model> {
    const { data, policies } = await this.db.withTenant({ tenantId, audit: SYSTEM }, async (r) => ({
      data: await r.roles.model(),
      policies: await r.abacPolicies.enabled(),
    }));
    const model = compileModel(data, policies);
    const current = this.models.get(tenantId);
    if (!current || current.version <= model.version) {
      this.models.delete(tenantId);
      if (this.models.size >= MAX_TENANTS) this.models.delete(this.models.keys().next().value as string);
      this.models.set(tenantId, model);
    }
    return model;
  }

  private async subject(model: Model, tenantId: string, userId: string): Promise<Subject | null> {
    const cached = model.subjects.get(userId);
    if (cached !== undefined) return cached;
    let pending = model.loading.get(userId);
    if (!pending) {
      // Read after the model's version, so never older than the model.
      pending = this.db
        .withTenant({ tenantId, audit: SYSTEM }, (r) => r.roles.subject(userId))
        .then((s) => s ?? null)
        .finally(() => model.loading.delete(userId));
      model.loading.set(userId, pending);
    }
    const subject = await pending;
    if (model.subjects.size >= MAX_SUBJECTS_PER_TENANT) {
      model.subjects.delete(model.subjects.keys().next().value as string);
    }
    model.subjects.set(userId, subject);
    return subject;
  }
}

export type ModelRows = Awaited<ReturnType<TenantRepos['roles']['model']>>;
export type Subject = NonNullable<Awaited<ReturnType<TenantRepos['roles']['subject']>>>;

/** Rows of a tenant → the compiled model (pure; the engine caches its result per version). */
export function compileModel(data: ModelRows, policies: AbacPolicyRow[]): Model {
  const permissionsOf = new Map<string, string[]>();
  for (const g of data.grants) permissionsOf.set(g.roleId, [...(permissionsOf.get(g.roleId) ?? []), g.permission]);
  const roles = new Map<string, Role>();
  const builtin = new Map<string, Role>();
  const custom: string[] = [];
  for (const r of data.roles) {
    const permissions = isBuiltinRole(r.builtin) ? builtinRoleGrants[r.builtin] : (permissionsOf.get(r.id) ?? []);
    const role = { id: r.id, name: r.name, builtin: r.builtin, grants: new GrantSet(permissions), permissions };
    roles.set(r.id, role);
    if (r.builtin) builtin.set(r.builtin, role);
    else custom.push(...permissions.filter((p) => p !== '*'));
  }
  const groups = new Map<string, { ref: Ref; roles: string[] }>();
  for (const g of data.groups) groups.set(g.id, { ref: { id: g.id, name: g.name }, roles: [] });
  for (const gg of data.groupGrants) groups.get(gg.groupId)?.roles.push(gg.roleId);
  return {
    version: data.version,
    roles,
    builtin,
    groups,
    policies: policies.map(compilePolicy),
    customGrants: new GrantSet(custom),
    subjects: new Map(),
    loading: new Map(),
    memberGrants: new WeakMap(),
  };
}

function compilePolicy(row: AbacPolicyRow): Policy {
  const compiled = compileCondition(row.condition);
  return {
    ref: { id: row.id, name: row.name, effect: row.effect as 'allow' | 'deny' },
    applies: new GrantSet(row.permissions),
    condition: compiled.ok ? compiled.run : null,
    ...(compiled.ok ? {} : { problem: compiled.problem.message }),
  };
}

/** The member's roles with how they hold each: built-in (membership), direct, via groups. */
function* rolePaths(model: Model, subject: Subject): Generator<{ role: Role; ref: Omit<GrantPath, 'permission'> }> {
  const ref = (role: Role) => ({ id: role.id, name: role.name });
  const base = model.builtin.get(subject.builtinRole);
  if (base) yield { role: base, ref: { role: ref(base), via: 'direct' } };
  for (const id of subject.roles) {
    const role = model.roles.get(id);
    if (role) yield { role, ref: { role: ref(role), via: 'direct' } };
  }
  for (const gid of subject.groups) {
    const group = model.groups.get(gid);
    if (!group) continue;
    for (const id of group.roles) {
      const role = model.roles.get(id);
      if (role) yield { role, ref: { role: ref(role), via: 'group', group: group.ref } };
    }
  }
}

function memberGrants(model: Model, subject: Subject): GrantSet {
  let grants = model.memberGrants.get(subject);
  if (!grants) {
    const all: string[] = [];
    for (const path of rolePaths(model, subject)) all.push(...path.role.permissions);
    grants = new GrantSet(all);
    model.memberGrants.set(subject, grants);
  }
  return grants;
}

function conditionInput(userId: string, subject: Subject, permission: string, context: CheckContext): ConditionInput {
  return {
    // Conditions see ids as the API shows them (`usr_…`), so they compare with what callers pass.
    user: { id: encodeId('user', userId), email: subject.email, status: subject.status, metadata: subject.metadata },
    resource: context.resource ?? {},
    request: { ip: context.ip ?? '', time: context.time ?? new Date() },
    permission,
  };
}

function runPolicy(p: Policy, input: ConditionInput): PolicyOutcome {
  if (!p.condition) return { policy: p.ref, result: 'error', error: p.problem ?? 'condition does not compile' };
  const out = runCondition(p.condition, input);
  return 'value' in out ? { policy: p.ref, result: out.value } : { policy: p.ref, result: 'error', error: out.error };
}

/**
 * The outcome that decides, deny overriding allow: the first deny policy whose condition holds or
 * cannot be evaluated (fail closed), else, when allow policies count, the first allow policy whose
 * condition holds. `run` is called only for the policies that takes, deny policies first.
 */
function decidingPolicy(
  applicable: readonly Policy[],
  run: (p: Policy) => PolicyOutcome,
  allowsCount: boolean,
): PolicyOutcome | undefined {
  for (const p of applicable) {
    if (p.ref.effect !== 'deny') continue;
    const outcome = run(p);
    if (outcome.result !== false) return outcome;
  }
  if (!allowsCount) return undefined;
  for (const p of applicable) {
    if (p.ref.effect !== 'allow') continue;
    const outcome = run(p);
    if (outcome.result === true) return outcome;
  }
  return undefined;
}

/** One decision from a compiled model and a member's standing (pure). */
export function evaluate(
  model: Model,
  userId: string,
  subject: Subject | null,
  permission: string,
  context: CheckContext,
  explain: boolean,
): Decision {
  const policies: PolicyOutcome[] = [];
  if (!subject) return { allowed: false, grants: [], reason: 'the user is not a member of this tenant', policies };
  if (subject.status !== 'active') {
    return { allowed: false, grants: [], reason: `the user is ${subject.status}`, policies };
  }
  const resource = resourceOf(permission);
  const grants: GrantPath[] = [];
  if (explain) {
    for (const path of rolePaths(model, subject)) {
      const matched = path.role.grants.match(permission, resource);
      if (matched !== undefined) grants.push({ ...path.ref, permission: matched });
    }
  }
  const rbac = explain ? grants.length > 0 : memberGrants(model, subject).match(permission, resource) !== undefined;

  const applicable = model.policies.filter((p) => p.applies.match(permission, resource) !== undefined);
  if (applicable.length) {
    const input = conditionInput(userId, subject, permission, context);
    const run = (p: Policy) => {
      const outcome = runPolicy(p, input);
      policies.push(outcome);
      return outcome;
    };
    // An allow policy matters only where no role grants the permission.
    const decided = decidingPolicy(applicable, run, !rbac);
    if (decided?.policy.effect === 'deny') {
      const why = decided.result === 'error' ? `could not be evaluated (${decided.error})` : 'matched';
      return {
        allowed: false,
        grants,
        reason: `denied by policy "${decided.policy.name}": its condition ${why}`,
        policy: decided.policy,
        policies,
      };
    }
    if (decided) return { allowed: true, grants, policy: decided.policy, policies };
  }
  if (rbac) return { allowed: true, grants, policies };
  const known = builtinCatalogue.has(permission) || model.customGrants.match(permission, resource) !== undefined;
  const reason = known
    ? `no role of this user grants ${permission}`
    : `no role in this tenant grants ${permission} (unknown permission)`;
  return { allowed: false, grants, reason, policies };
}
