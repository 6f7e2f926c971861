CREATE TABLE "mfa_otp_factors" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"destination" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"code_hash" text,
	"code_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mfa_otp_factors_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "mfa_otp_factors" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "mfa_pending_logins" (
	"tenant_id" uuid NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"sign_in_tenant_id" uuid NOT NULL,
	"amr" text[] NOT NULL,
	"methods" text[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mfa_pending_logins_tenant_id_prefix_pk" PRIMARY KEY("tenant_id","prefix")
);
--> statement-breakpoint
ALTER TABLE "mfa_pending_logins" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "mfa_recovery_codes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mfa_recovery_codes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "mfa_recovery_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "mfa_totp" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"secret" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"last_used_step" bigint,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mfa_totp_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "mfa_totp" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "mfa_user_state" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"failures" bigint DEFAULT 0 NOT NULL,
	"failures_since" timestamp with time zone,
	CONSTRAINT "mfa_user_state_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "mfa_user_state" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "step_up_verifications" (
	"tenant_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"user_id" uuid NOT NULL,
	"method" text NOT NULL,
	"verified_at" timestamp with time zone NOT NULL,
	CONSTRAINT "step_up_verifications_tenant_id_subject_pk" PRIMARY KEY("tenant_id","subject")
);
--> statement-breakpoint
ALTER TABLE "step_up_verifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "tenant_security_policies" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"mfa_required" boolean NOT NULL,
	"step_up_max_age_seconds" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_security_policies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "webauthn_challenges" (
	"challenge_hash" text PRIMARY KEY NOT NULL,
	"ceremony" text NOT NULL,
	"tenant_id" uuid,
	"user_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "webauthn_challenges" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "webauthn_credentials" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"credential_id" text NOT NULL,
	"public_key" text NOT NULL,
	"sign_count" bigint NOT NULL,
	"transports" text[] NOT NULL,
	"aaguid" text NOT NULL,
	"attestation_format" text NOT NULL,
	"backup_eligible" boolean NOT NULL,
	"backup_state" boolean NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "webauthn_credentials_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "webauthn_credentials" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "mfa_otp_factors" ADD CONSTRAINT "mfa_otp_factors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mfa_pending_logins" ADD CONSTRAINT "mfa_pending_logins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mfa_recovery_codes" ADD CONSTRAINT "mfa_recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mfa_totp" ADD CONSTRAINT "mfa_totp_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mfa_user_state" ADD CONSTRAINT "mfa_user_state_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_up_verifications" ADD CONSTRAINT "step_up_verifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webauthn_credentials" ADD CONSTRAINT "webauthn_credentials_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mfa_otp_factors_user_idx" ON "mfa_otp_factors" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mfa_pending_logins_prefix_key" ON "mfa_pending_logins" USING btree ("prefix");--> statement-breakpoint
CREATE INDEX "mfa_recovery_codes_user_idx" ON "mfa_recovery_codes" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "webauthn_challenges_expiry_idx" ON "webauthn_challenges" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "webauthn_credentials_credential_id_key" ON "webauthn_credentials" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "webauthn_credentials_user_idx" ON "webauthn_credentials" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mfa_otp_factors" AS PERMISSIVE FOR ALL TO "qeet_app" USING ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mfa_pending_logins" AS PERMISSIVE FOR ALL TO "qeet_app" USING ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mfa_recovery_codes" AS PERMISSIVE FOR ALL TO "qeet_app" USING ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mfa_totp" AS PERMISSIVE FOR ALL TO "qeet_app" USING ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mfa_user_state" AS PERMISSIVE FOR ALL TO "qeet_app" USING ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "step_up_verifications" AS PERMISSIVE FOR ALL TO "qeet_app" USING ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "tenant_security_policies" AS PERMISSIVE FOR ALL TO "qeet_app" USING ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "webauthn_challenges" AS PERMISSIVE FOR ALL TO "qeet_app" USING ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "webauthn_credentials" AS PERMISSIVE FOR ALL TO "qeet_app" USING ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('qeet.tenant_id', true), '')::uuid);