-- WebAuthn challenges live for one ceremony (five minutes at most) and are spent once: they
-- need no write-ahead log. Storing and spending one no longer waits for a WAL flush; a crash
-- empties the table and a standby never has it, so a ceremony in flight then fails and is
-- started again — the same as its challenge expiring.
ALTER TABLE "webauthn_challenges" SET UNLOGGED;
