import { type AuditEvent, auditEventHash, encodeId, newId } from '@qeetid/contract';
import { and, asc, desc, eq, gt, gte, lt } from 'drizzle-orm';
import { auditEvents, auditHeads } from '../schema.ts';
import type { AuditContext, AuditEventRow, Tx } from '../types.ts';
import { page } from './page.ts';

export interface AuditEntry {
  action: string;
  target: { type: string; id: string | null };
  metadata?: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  targetId?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

/** The event exactly as the API serves it; its hash covers this form. */
export function auditEventWire(row: AuditEventRow): AuditEvent {
  return {
    id: encodeId('event', row.id),
    tenant_id: encodeId('tenant', row.tenantId),
    seq: row.seq,
    occurred_at: row.occurredAt.toISOString(),
    actor: { type: row.actorType as AuditEvent['actor']['type'], id: row.actorId },
    action: row.action,
    target: { type: row.targetType, id: row.targetId },
    ip: row.ip,
    user_agent: row.userAgent,
    request_id: row.requestId,
    metadata: row.metadata,
    prev_hash: row.prevHash,
    hash: row.hash,
  };
}

/** `appended` hears of every event written (the transaction may still roll back). */
export function auditRepo(tx: Tx, tenantId: string, context: AuditContext, appended: () => void = () => {}) {
  return {
    /**
     * Appends one event to the tenant's chain. The head row is locked FOR UPDATE, so concurrent
     * writers (also in other processes) queue up behind each other and the chain never forks;
     * the (tenant_id, seq) primary key is the backstop.
     */
    async append(entry: AuditEntry): Promise<AuditEventRow> {
      const [head] = await tx.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId)).for('update');
      if (!head) throw new Error(`tenant ${tenantId} has no audit chain`);
      const id = newId('event');
      const occurredAt = new Date();
      const base = {
        tenantId,
        seq: head.seq + 1,
        id: id.uuid,
        occurredAt,
        actorType: context.actor.type,
        actorId: context.actor.id,
        action: entry.action,
        targetType: entry.target.type,
        targetId: entry.target.id,
        ip: context.ip,
        userAgent: context.userAgent,
        requestId: context.requestId,
        metadata: entry.metadata ?? {},
        prevHash: head.hash,
      };
      const { hash: _, ...unhashed } = auditEventWire({ ...base, hash: '' });
      const row = { ...base, hash: auditEventHash(unhashed) };
      await tx.insert(auditEvents).values(row);
      await tx.update(auditHeads).set({ seq: row.seq, hash: row.hash }).where(eq(auditHeads.tenantId, tenantId));
      appended();
      return row;
    },

    async head() {
      const [head] = await tx.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId));
      return head;
    },

    /** Newest first. */
    async list(f: AuditFilter) {
      const rows = await tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.tenantId, tenantId),
            f.action ? eq(auditEvents.action, f.action) : undefined,
            f.actorId ? eq(auditEvents.actorId, f.actorId) : undefined,
            f.targetId ? eq(auditEvents.targetId, f.targetId) : undefined,
            f.since ? gte(auditEvents.occurredAt, f.since) : undefined,
            f.until ? lt(auditEvents.occurredAt, f.until) : undefined,
            f.beforeSeq !== undefined ? lt(auditEvents.seq, f.beforeSeq) : undefined,
          ),
        )
        .orderBy(desc(auditEvents.seq))
        .limit(f.limit + 1);
      return page(rows, f.limit);
    },

    /** Oldest first, `batch` events after `afterSeq`. */
    async scan(afterSeq: number, batch: number): Promise<AuditEventRow[]> {
      return tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.tenantId, tenantId), gt(auditEvents.seq, afterSeq)))
        .orderBy(asc(auditEvents.seq))
        .limit(batch);
    },
  };
}
