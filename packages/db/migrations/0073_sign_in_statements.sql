-- The writes of a sign-in as PL/pgSQL functions (their statements' plans are cached per
-- connection), so that the hottest sign-in, a passkey's in the tenant the passkey lives in, is one
-- statement in its own implicit transaction instead of BEGIN, the tenant settings, three writes and
-- COMMIT: every statement costs a round of the wire protocol on both sides. The functions run as
-- the caller, so row-level security confines them to the tenant of the transaction; the repos call
-- the same first two inside their transactions.

-- Confines the rest of the transaction to one tenant: row-level security reads `qeet.tenant_id`, and
-- applies under `qeet_app` even when the server connects as the tables' owner. Both settings are
-- transaction-local, so the connection goes back to the pool clean. Every tenant transaction
-- (open.ts) and the passkey sign-in below enter their tenant through it.
CREATE FUNCTION qeet_enter_tenant(p_tenant uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('qeet.tenant_id', p_tenant::text, true), set_config('role', 'qeet_app', true);
END
$$;
--> statement-breakpoint

-- A new session and the first refresh token of its family; the session is last active when it is created.
CREATE FUNCTION qeet_open_session(p_tenant uuid, p_id uuid, p_user uuid, p_methods jsonb, p_ip text,
  p_user_agent text, p_at timestamptz, p_expires timestamptz, p_refresh_id uuid, p_refresh_hash text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sessions (tenant_id, id, user_id, auth_methods, ip, user_agent, created_at, last_active_at, expires_at)
  VALUES (p_tenant, p_id, p_user, array(SELECT jsonb_array_elements_text(p_methods)), p_ip, p_user_agent, p_at, p_at,
    p_expires);
  INSERT INTO refresh_tokens (tenant_id, id, session_id, token_hash, created_at)
  VALUES (p_tenant, p_refresh_id, p_id, p_refresh_hash, p_at);
END
$$;
--> statement-breakpoint

-- Stores a successful assertion's counter and backup state, only while the stored counter is still
-- the one the assertion was checked against (WebAuthn L3 §7.2 step 22): of two racing uses of one
-- assertion, one lands. False when it did not.
CREATE FUNCTION qeet_record_passkey_use(p_tenant uuid, p_user uuid, p_passkey uuid, p_checked_count bigint,
  p_count bigint, p_backup_state boolean, p_at timestamptz)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  UPDATE webauthn_credentials SET sign_count = p_count, backup_state = p_backup_state, last_used_at = p_at
  WHERE tenant_id = p_tenant AND user_id = p_user AND id = p_passkey AND sign_count = p_checked_count;
  RETURN FOUND;
END
$$;
--> statement-breakpoint

-- A passkey sign-in whose session opens in the passkey's own tenant, as one statement: its tenant
-- entered (the settings end with the statement), the passkey's use, the session and its audit events. When the counter moved meanwhile nothing is written and the answer
-- is false.
CREATE FUNCTION qeet_passkey_sign_in(p_tenant uuid, p_passkey uuid, p_checked_count bigint, p_count bigint,
  p_backup_state boolean, p_session uuid, p_user uuid, p_methods jsonb, p_ip text, p_user_agent text,
  p_at timestamptz, p_expires timestamptz, p_refresh_id uuid, p_refresh_hash text, p_events jsonb)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  PERFORM qeet_enter_tenant(p_tenant);
  IF NOT qeet_record_passkey_use(p_tenant, p_user, p_passkey, p_checked_count, p_count, p_backup_state, p_at) THEN
    RETURN false;
  END IF;
  PERFORM qeet_open_session(p_tenant, p_session, p_user, p_methods, p_ip, p_user_agent, p_at, p_expires,
    p_refresh_id, p_refresh_hash);
  PERFORM qeet_audit_append(p_tenant, p_events);
  RETURN true;
END
$$;
