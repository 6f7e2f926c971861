import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEvent } from './gen/types.gen.ts';

/** The first link of every tenant's chain points at this. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * CONTRACT.md "Audit events": hash = SHA-256(prev_hash ‖ JCS(event without hash)),
 * JCS being the RFC 8785 canonical JSON of the event exactly as the API serves it.
 */
export function auditEventHash(event: Omit<AuditEvent, 'hash'>): string {
  const canonical = canonicalize(event);
  if (canonical === undefined) throw new TypeError('audit event is not serialisable');
  return createHash('sha256').update(event.prev_hash).update(canonical).digest('hex');
}

/** An event's canonical JSON around its two chain fields: `head ‖ prev_hash ‖ middle ‖ seq ‖ tail`. */
export interface AuditHashParts {
  head: string;
  middle: string;
  tail: string;
}

/**
 * The event's JCS text cut where `prev_hash` and `seq` go, so the database can chain an event
 * after whatever head it finds: hash = SHA-256(prev_hash ‖ head ‖ prev_hash ‖ middle ‖ seq ‖ tail)
 * is `auditEventHash` of the completed event. RFC 8785 §3.2.3 writes an object as its members
 * sorted by name (our names are ASCII, so by plain order), each `name:value`, comma-separated;
 * a lowercase-hex `prev_hash` and an integer `seq` (§3.2.2.3) serialise as themselves.
 */
export function auditHashParts(event: Omit<AuditEvent, 'hash' | 'prev_hash' | 'seq'>): AuditHashParts {
  const cut = ['prev_hash', 'seq'];
  const members = [...Object.keys(event), ...cut].sort();
  const texts = members.map((name) =>
    cut.includes(name) ? name : `${JSON.stringify(name)}:${canonicalize(event[name as keyof typeof event])}`,
  );
  const at = (name: string) => texts.indexOf(name);
  const join = (from: number, to: number) => texts.slice(from, to).join(',');
  const prev = at('prev_hash');
  const seq = at('seq');
  return {
    head: `{${join(0, prev)}${prev ? ',' : ''}"prev_hash":"`,
    middle: `",${join(prev + 1, seq)}${seq > prev + 1 ? ',' : ''}"seq":`,
    tail: `${seq < texts.length - 1 ? ',' : ''}${join(seq + 1, texts.length)}}`,
  };
}
