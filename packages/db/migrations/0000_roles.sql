-- The application role that tenant-scoped transactions switch to (SET LOCAL ROLE), so that
-- row-level security applies even when the server connects as a superuser or table owner.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'qeet_app') THEN
    CREATE ROLE qeet_app NOLOGIN;
  END IF;
EXCEPTION
  -- Roles belong to the cluster while the migration lock belongs to one database: a server
  -- migrating another database of the same fresh cluster may have created it meanwhile.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;--> statement-breakpoint
GRANT qeet_app TO CURRENT_USER;
