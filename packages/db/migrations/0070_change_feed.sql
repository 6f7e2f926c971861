-- The change feed: every committed change that can alter what a credential may do is announced
-- on the channel qeet_changes, with the tenant's id as payload ('*' when it may touch several
-- tenants). Replicas listen and drop what they cached for that tenant. PostgreSQL delivers a
-- notification only when its transaction commits, and folds duplicates within one transaction.
-- The trigger's argument names the column holding the tenant id, or is '*' for every tenant.
CREATE FUNCTION qeet_announce() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM pg_notify('qeet_changes', CASE
    WHEN TG_ARGV[0] = '*' THEN '*'
    WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ->> TG_ARGV[0]
    ELSE to_jsonb(NEW) ->> TG_ARGV[0]
  END);
  RETURN NULL;
END
$$;--> statement-breakpoint

-- Credentials: anything but the last-used stamp (written at most once a minute per credential).
CREATE TRIGGER api_keys_announce AFTER UPDATE ON api_keys FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
    OR OLD.scopes IS DISTINCT FROM NEW.scopes OR OLD.secret_hash IS DISTINCT FROM NEW.secret_hash
    OR OLD.prefix IS DISTINCT FROM NEW.prefix)
  EXECUTE FUNCTION qeet_announce('tenant_id');--> statement-breakpoint
CREATE TRIGGER api_keys_announce_delete AFTER DELETE ON api_keys FOR EACH ROW EXECUTE FUNCTION qeet_announce('tenant_id');--> statement-breakpoint
CREATE TRIGGER pats_announce AFTER UPDATE ON personal_access_tokens FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
    OR OLD.scopes IS DISTINCT FROM NEW.scopes OR OLD.secret_hash IS DISTINCT FROM NEW.secret_hash
    OR OLD.prefix IS DISTINCT FROM NEW.prefix)
  EXECUTE FUNCTION qeet_announce('tenant_id');--> statement-breakpoint
CREATE TRIGGER pats_announce_delete AFTER DELETE ON personal_access_tokens FOR EACH ROW EXECUTE FUNCTION qeet_announce('tenant_id');--> statement-breakpoint

-- Standing: membership role, the tenant itself, the user's status (a user's tokens may live in
-- several tenants), and the authorization version the role, group and policy triggers raise.
CREATE TRIGGER memberships_announce AFTER INSERT OR UPDATE OR DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION qeet_announce('tenant_id');--> statement-breakpoint
CREATE TRIGGER tenants_announce AFTER UPDATE ON tenants FOR EACH ROW
  WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at OR OLD.parent_id IS DISTINCT FROM NEW.parent_id)
  EXECUTE FUNCTION qeet_announce('id');--> statement-breakpoint
CREATE TRIGGER tenants_announce_delete AFTER DELETE ON tenants FOR EACH ROW EXECUTE FUNCTION qeet_announce('id');--> statement-breakpoint
CREATE TRIGGER users_announce AFTER UPDATE ON users FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION qeet_announce('*');--> statement-breakpoint
CREATE TRIGGER users_announce_delete AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION qeet_announce('*');--> statement-breakpoint
CREATE TRIGGER authz_versions_announce AFTER INSERT OR UPDATE ON authz_versions FOR EACH ROW EXECUTE FUNCTION qeet_announce('tenant_id');
