-- qeet_app reads and writes tenant data; the audit log is append-only for it, so history
-- cannot be edited from the application.
GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, users, memberships, api_keys, personal_access_tokens, audit_heads TO qeet_app;--> statement-breakpoint
GRANT SELECT, INSERT ON audit_events TO qeet_app;
