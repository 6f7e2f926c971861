-- The application role works on passkey and MFA rows under row-level security.
GRANT SELECT, INSERT, UPDATE, DELETE ON webauthn_credentials, webauthn_challenges, mfa_totp, mfa_recovery_codes, mfa_otp_factors, mfa_user_state, mfa_pending_logins, step_up_verifications, tenant_security_policies TO qeet_app;
