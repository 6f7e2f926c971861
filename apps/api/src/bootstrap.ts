import { newId } from '@qeetid/contract';
import type { Database } from '@qeetid/db';
import { mintToken } from './crypto/opaque-token.ts';
import { normalizeEmail } from './modules/users/service.ts';

export interface BootstrapResult {
  tenantId: string;
  userId: string;
}

/**
 * First start on an empty database: the first tenant, its owner, and a personal access token for
 * that owner. `persistToken` runs inside the transaction, so a token is never committed without
 * having been handed over. Replicas starting together serialise on an advisory lock; only the
 * first finds the database empty.
 */
export async function bootstrap(
  db: Database,
  options: { adminEmail: string; persistToken: (token: string) => Promise<void> },
): Promise<BootstrapResult | null> {
  return db.platform(async (p) => {
    await p.lockBootstrap();
    if (await p.hasTenants()) return null;
    const tenant = newId('tenant');
    const user = newId('user');
    const pat = newId('pat');
    const now = new Date();
    await p.insertTenant({ id: tenant.uuid, name: 'Default', parentId: null }, now);
    const r = await p.enterTenant({
      tenantId: tenant.uuid,
      audit: { actor: { type: 'system', id: null }, ip: null, userAgent: null, requestId: null },
    });
    await r.users.insert({
      id: user.uuid,
      email: options.adminEmail,
      emailNormalized: normalizeEmail(options.adminEmail),
      displayName: 'Administrator',
      createdAt: now,
      updatedAt: now,
    });
    await r.memberships.add(user.uuid, 'owner', now);
    const minted = mintToken('qp');
    await r.pats.insert({
      id: pat.uuid,
      userId: user.uuid,
      name: 'bootstrap admin token',
      prefix: minted.prefix,
      secretHash: minted.secretHash,
      scopes: ['*'],
      createdAt: now,
    });
    await r.audit.append({
      action: 'tenant.created',
      target: { type: 'tenant', id: tenant.id },
      metadata: { name: 'Default' },
    });
    await r.audit.append({ action: 'user.created', target: { type: 'user', id: user.id } });
    await r.audit.append({
      action: 'member.added',
      target: { type: 'user', id: user.id },
      metadata: { role: 'owner' },
    });
    await r.audit.append({
      action: 'personal_access_token.created',
      target: { type: 'personal_access_token', id: pat.id },
    });
    await options.persistToken(minted.token);
    return { tenantId: tenant.uuid, userId: user.uuid };
  });
}
