-- Appends events to a tenant's audit chain in one statement: lock the head, link each event
-- after it, move the head. CONTRACT.md "Audit events": hash = SHA-256(prev_hash ‖ JCS(event
-- without hash)); the caller sends each event's JCS text cut around prev_hash and seq
-- (head, middle, tail: @qeetid/contract auditHashParts), since only the locked head knows them.
-- Runs as the caller, so row-level security confines it to the tenant of the transaction.
CREATE FUNCTION qeet_audit_append(p_tenant uuid, p_events jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_seq bigint;
  v_hash text;
  v_next text;
  e jsonb;
BEGIN
  SELECT seq, hash INTO v_seq, v_hash FROM audit_heads WHERE tenant_id = p_tenant FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'tenant % has no audit chain', p_tenant;
  END IF;
  FOR e IN SELECT value FROM jsonb_array_elements(p_events) LOOP
    v_seq := v_seq + 1;
    v_next := encode(sha256(convert_to(
      v_hash || (e ->> 'head') || v_hash || (e ->> 'middle') || v_seq::text || (e ->> 'tail'), 'UTF8')), 'hex');
    INSERT INTO audit_events (tenant_id, seq, id, occurred_at, actor_type, actor_id, action, target_type,
      target_id, ip, user_agent, request_id, metadata, prev_hash, hash)
    VALUES (p_tenant, v_seq, (e ->> 'id')::uuid, (e ->> 'occurredAt')::timestamptz, e ->> 'actorType',
      e ->> 'actorId', e ->> 'action', e ->> 'targetType', e ->> 'targetId', e ->> 'ip', e ->> 'userAgent',
      e ->> 'requestId', e -> 'metadata', v_hash, v_next);
    v_hash := v_next;
  END LOOP;
  UPDATE audit_heads SET seq = v_seq, hash = v_hash WHERE tenant_id = p_tenant;
END
$$;
