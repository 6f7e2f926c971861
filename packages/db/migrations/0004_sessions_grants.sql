-- Tenant-scoped tables of the sessions area.
GRANT SELECT, INSERT, UPDATE, DELETE ON user_passwords, sessions, refresh_tokens, auth_policies TO qeet_app;--> statement-breakpoint
-- Platform-level tables: RLS is on with no policy, so qeet_app may look and sees no row.
GRANT SELECT ON signing_keys, one_time_tokens, rate_limit_counters, message_outbox TO qeet_app;
