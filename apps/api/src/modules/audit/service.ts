import { type AuditVerification, auditEventHash, GENESIS_HASH } from '@qeetid/contract';
import { type AuditFilter, auditEventWire } from '@qeetid/db';
import { type Ctx, scopeOf } from '../../http/context.ts';

const BATCH = 500;

export async function listEvents(ctx: Ctx, filter: AuditFilter) {
  return ctx.db.withTenant(scopeOf(ctx), (r) => r.audit.list(filter));
}

/**
 * Recomputes the chain from genesis: each event must follow its predecessor's seq, point at its
 * hash, and hash to what it claims; the last event must be the recorded head (no truncation).
 */
export async function verifyChain(ctx: Ctx): Promise<AuditVerification> {
  return ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const head = await r.audit.head();
    let prev = { seq: 0, hash: GENESIS_HASH, id: '' };
    let checked = 0;
    for (;;) {
      const rows = await r.audit.scan(prev.seq, BATCH);
      for (const row of rows) {
        const event = auditEventWire(row);
        const broken = (reason: string): AuditVerification => ({
          ok: false,
          events_checked: checked,
          head: head ? { seq: head.seq, hash: head.hash } : null,
          broken_at: { id: event.id, seq: event.seq, reason },
        });
        if (event.seq !== prev.seq + 1) return broken(`expected seq ${prev.seq + 1}: events are missing before it`);
        if (event.prev_hash !== prev.hash) return broken('prev_hash does not match the previous event');
        const { hash, ...unhashed } = event;
        if (auditEventHash(unhashed) !== hash) return broken('content does not match its hash');
        checked += 1;
        prev = { seq: event.seq, hash, id: event.id };
      }
      if (rows.length < BATCH) break;
    }
    const result: AuditVerification = {
      ok: true,
      events_checked: checked,
      head: head ? { seq: head.seq, hash: head.hash } : null,
    };
    if (head && (head.seq !== prev.seq || head.hash !== prev.hash)) {
      return {
        ...result,
        ok: false,
        broken_at: { id: prev.id, seq: prev.seq, reason: `chain ends here but its head is at seq ${head.seq}` },
      };
    }
    return result;
  });
}

/** Every event, oldest first, one JSON line each; reads in batches so memory stays flat. */
export function exportNdjson(ctx: Ctx): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const scope = scopeOf(ctx);
  let after = 0;
  return new ReadableStream({
    async pull(controller) {
      const rows = await ctx.db.withTenant(scope, (r) => r.audit.scan(after, BATCH));
      if (rows.length) {
        after = rows[rows.length - 1]?.seq ?? after;
        controller.enqueue(encoder.encode(rows.map((row) => `${JSON.stringify(auditEventWire(row))}\n`).join('')));
      }
      if (rows.length < BATCH) controller.close();
    },
  });
}
