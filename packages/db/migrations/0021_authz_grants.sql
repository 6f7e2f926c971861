-- Authorization: grants for the application role, the built-in roles of every tenant, and the
-- per-tenant version counter that cached decisions are checked against.
GRANT SELECT, INSERT, UPDATE, DELETE ON roles, role_permissions, role_assignments, groups, group_members, group_roles, abac_policies TO qeet_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON authz_versions TO qeet_app;--> statement-breakpoint

-- Every tenant has the built-in roles owner, admin and member.
CREATE FUNCTION qeet_builtin_roles() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO roles (tenant_id, id, name, description, builtin, created_at, updated_at)
  SELECT NEW.id, gen_random_uuid(), b.name, b.description, b.name, NEW.created_at, NEW.created_at
  FROM (VALUES
    ('owner', 'Everything, including deleting the tenant.'),
    ('admin', 'Manages the tenant: users, keys, roles, groups, policies, audit.'),
    ('member', 'Reads the tenant, its members and users.')
  ) AS b(name, description);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER tenants_builtin_roles AFTER INSERT ON tenants FOR EACH ROW EXECUTE FUNCTION qeet_builtin_roles();--> statement-breakpoint
INSERT INTO roles (tenant_id, id, name, description, builtin, created_at, updated_at)
SELECT t.id, gen_random_uuid(), b.name, b.description, b.name, now(), now()
FROM tenants t CROSS JOIN (VALUES
  ('owner', 'Everything, including deleting the tenant.'),
  ('admin', 'Manages the tenant: users, keys, roles, groups, policies, audit.'),
  ('member', 'Reads the tenant, its members and users.')
) AS b(name, description);--> statement-breakpoint

-- Raise the tenant's version once per statement that changed any row deciding access. Three
-- functions because a statement trigger sees only the transition tables of its own event.
CREATE FUNCTION qeet_authz_bump_new() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO authz_versions (tenant_id, version) SELECT DISTINCT tenant_id, 1 FROM new_rows
  ON CONFLICT (tenant_id) DO UPDATE SET version = authz_versions.version + 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION qeet_authz_bump_old() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO authz_versions (tenant_id, version) SELECT DISTINCT tenant_id, 1 FROM old_rows
  ON CONFLICT (tenant_id) DO UPDATE SET version = authz_versions.version + 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION qeet_authz_bump_both() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO authz_versions (tenant_id, version)
  SELECT tenant_id, 1 FROM (SELECT tenant_id FROM new_rows UNION SELECT tenant_id FROM old_rows) changed
  ON CONFLICT (tenant_id) DO UPDATE SET version = authz_versions.version + 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['memberships', 'roles', 'role_permissions', 'role_assignments', 'groups', 'group_members', 'group_roles', 'abac_policies'] LOOP
    EXECUTE format('CREATE TRIGGER %1$s_authz_ins AFTER INSERT ON %1$s REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION qeet_authz_bump_new()', t);
    EXECUTE format('CREATE TRIGGER %1$s_authz_upd AFTER UPDATE ON %1$s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION qeet_authz_bump_both()', t);
    EXECUTE format('CREATE TRIGGER %1$s_authz_del AFTER DELETE ON %1$s REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION qeet_authz_bump_old()', t);
  END LOOP;
END
$$;--> statement-breakpoint

-- A user's status, deletion and metadata feed decisions in every tenant they belong to.
CREATE FUNCTION qeet_authz_bump_user() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO authz_versions (tenant_id, version)
  SELECT DISTINCT m.tenant_id, 1 FROM new_rows n
  JOIN old_rows o ON o.id = n.id
  JOIN memberships m ON m.user_id = n.id
  WHERE (n.status, n.deleted_at, n.metadata, n.email) IS DISTINCT FROM (o.status, o.deleted_at, o.metadata, o.email)
  ON CONFLICT (tenant_id) DO UPDATE SET version = authz_versions.version + 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER users_authz_upd AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION qeet_authz_bump_user();--> statement-breakpoint
INSERT INTO authz_versions (tenant_id, version) SELECT id, 1 FROM tenants ON CONFLICT (tenant_id) DO NOTHING;
