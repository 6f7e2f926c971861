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
