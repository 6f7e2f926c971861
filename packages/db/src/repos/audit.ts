import { type AuditEvent, auditHashParts, encodeId, newId } from '@qeetid/contract';
import { and, asc, desc, eq, gt, gte, lt } from 'drizzle-orm';
import { auditEvents, auditHeads } from '../schema.ts';
import type { AuditContext, AuditEventRow, Tx } from '../types.ts';
import type { RunStatement } from './hot-statements.ts';
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

/**
 * One statement: the chain head is locked, the events linked after it and the head moved
 * (migration 0071). The head stays locked until the transaction ends, which sends its COMMIT
 * right behind this statement, so writers of one tenant queue for no longer than that.
 */
const APPEND = 'select qeet_audit_append($1, $2::jsonb)';

type PendingEvent = Omit<AuditEventRow, 'seq' | 'prevHash' | 'hash'>;

/** The wire form of an event not yet in the chain: everything but the fields the database fills in. */
function unchainedWire(event: PendingEvent): Omit<AuditEvent, 'seq' | 'prev_hash' | 'hash'> {
  const {
    seq: _,
    prev_hash: __,
    hash: ___,
    ...unchained
  } = auditEventWire({ ...event, seq: 0, prevHash: '', hash: '' });
  return unchained;
}

/** An event of the scope's actor for the chain of `tenantId`, not linked yet. */
export function pendingEvent(tenantId: string, context: AuditContext, entry: AuditEntry): PendingEvent {
  return {
    tenantId,
    id: newId('event').uuid,
    occurredAt: new Date(),
    actorType: context.actor.type,
    actorId: context.actor.id,
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    ip: context.ip,
    userAgent: context.userAgent,
    requestId: context.requestId,
    metadata: entry.metadata ?? {},
  };
}

/** Events as `qeet_audit_append` takes them once sent as JSON: each with its hash parts. */
export function appendable(events: PendingEvent[]) {
  return events.map((event) => ({ ...event, ...auditHashParts(unchainedWire(event)) }));
}

export function auditRepo(tx: Tx, run: RunStatement, tenantId: string, context: AuditContext) {
  let pending: PendingEvent[] = [];
  let written = 0;
  return {
    /** Events this scope has written so far: any means the transaction changed something here. */
    get written(): number {
      return written;
    },

    /**
     * Adds one event to the tenant's chain when the transaction commits: the transaction
     * (open.ts) writes a scope's events together with one statement, as late as it can, so the
     * chain head stays locked only from then until the commit.
     */
    append(entry: AuditEntry): void {
      pending.push(pendingEvent(tenantId, context, entry));
    },

    /** Writes the pending events after the chain head, which stays locked until the commit. */
    async flush(): Promise<void> {
      if (!pending.length) return;
      const events = pending;
      pending = [];
      await run(APPEND, [tenantId, JSON.stringify(appendable(events))]);
      written += events.length;
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
