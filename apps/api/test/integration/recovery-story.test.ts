import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness.ts';
import { SoftwareAuthenticator } from '../support/authenticator.ts';
import { codeAt, lastCode } from '../support/codes.ts';
import { ORIGIN } from '../support/users.ts';

/**
 * The whole life of a passkey-only account, through the public API only: signs up with a passkey
 * (no password ever), signs in with it, enrolls an authenticator app, loses the phone that held
 * both, gets back in with an emailed code plus a recovery code, registers a new passkey and
 * retires the lost one.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const EMAIL = 'sam@story.test';

describe('a passkey-only user recovers from losing their device', () => {
  const phone = new SoftwareAuthenticator({
    origin: ORIGIN,
    aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
    backupEligible: true,
  });
  let recoveryCodes: string[] = [];
  let userId = '';

  it('signs up with nothing but a passkey', async () => {
    const begin = await t.request('POST', '/v1/auth/passkeys/signup/begin', {
      auth: null,
      body: { email: EMAIL, display_name: 'Sam' },
    });
    expect(begin.status).toBe(200);
    const finish = await t.request('POST', '/v1/auth/passkeys/signup/finish', {
      auth: null,
      body: { credential: phone.create(begin.body.options) },
    });
    expect(finish.status).toBe(201);
    expect(finish.body.token_type).toBe('Bearer');
    userId = finish.body.user_id;
    const password = await t.request('GET', '/v1/auth/password', { auth: { bearer: finish.body.access_token } });
    expect(password.body).toMatchObject({ has_password: false });
  });

  let session = '';
  it('signs in with the passkey, usernameless', async () => {
    const begin = await t.request('POST', '/v1/auth/passkeys/login/begin', { auth: null });
    const finish = await t.request('POST', '/v1/auth/passkeys/login/finish', {
      auth: null,
      body: { credential: phone.get(begin.body.options) },
    });
    expect(finish.status).toBe(200);
    expect(finish.body.user_id).toBe(userId);
    session = finish.body.access_token;
    const list = await t.request('GET', '/v1/passkeys', { auth: { bearer: session } });
    expect(list.body.items).toEqual([
      expect.objectContaining({ name: 'Google Password Manager', backup_eligible: true }),
    ]);
  });

  it('enrolls an authenticator app and keeps its recovery codes', async () => {
    const auth = { bearer: session };
    const start = await t.request('POST', '/v1/mfa/totp/enroll/start', { auth });
    const confirm = await t.request('POST', '/v1/mfa/totp/enroll/confirm', {
      auth,
      body: { code: codeAt(start.body.secret, Date.now()) },
    });
    expect(confirm.status).toBe(200);
    recoveryCodes = confirm.body.recovery_codes;
    expect(recoveryCodes).toHaveLength(10);
  });

  let recovered = '';
  it('loses the phone, and gets back in with an emailed code and a recovery code', async () => {
    // The phone held the passkey and the app: neither is available any more.
    const start = await t.request('POST', '/v1/auth/email-otp/start', { auth: null, body: { email: EMAIL } });
    expect(start.status).toBe(200);
    const first = await t.request('POST', '/v1/auth/email-otp/verify', {
      auth: null,
      body: { email: EMAIL, code: await lastCode(t, EMAIL) },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ mfa_required: true });
    expect(first.body.methods).toEqual(expect.arrayContaining(['webauthn', 'totp', 'recovery_code']));
    const wrong = await t.request('POST', '/v1/auth/mfa', {
      auth: null,
      body: { mfa_token: first.body.mfa_token, method: 'recovery_code', code: 'aaaa-bbbb-cccc-dddd' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('mfa.code_invalid');
    const done = await t.request('POST', '/v1/auth/mfa', {
      auth: null,
      body: { mfa_token: first.body.mfa_token, method: 'recovery_code', code: recoveryCodes[0] },
    });
    expect(done.status).toBe(200);
    expect(done.body.user_id).toBe(userId);
    recovered = done.body.access_token;
    // The mfa_token and the recovery code are spent.
    const again = await t.request('POST', '/v1/auth/mfa', {
      auth: null,
      body: { mfa_token: first.body.mfa_token, method: 'recovery_code', code: recoveryCodes[1] },
    });
    expect(again.body.error.code).toBe('mfa.token_invalid');
    expect((await t.request('GET', '/v1/mfa/recovery-codes', { auth: { bearer: recovered } })).body.remaining).toBe(9);
  });

  it('registers a new passkey and retires the lost one', async () => {
    const auth = { bearer: recovered };
    const laptop = new SoftwareAuthenticator({ origin: ORIGIN });
    const begin = await t.request('POST', '/v1/passkeys/register/begin', { auth });
    // The lost passkey is excluded, so the same authenticator cannot register twice.
    expect(begin.body.options.excludeCredentials).toHaveLength(1);
    const added = await t.request('POST', '/v1/passkeys/register/finish', {
      auth,
      body: { credential: laptop.create(begin.body.options), name: 'Laptop' },
    });
    expect(added.status).toBe(201);
    const list = await t.request('GET', '/v1/passkeys', { auth });
    const lost = list.body.items.find((p: { name: string }) => p.name !== 'Laptop');
    // The recovery-code sign-in is a fresh second factor: deleting is allowed now.
    expect((await t.request('DELETE', `/v1/passkeys/${lost.id}`, { auth })).status).toBe(204);

    const signIn = await t.request('POST', '/v1/auth/passkeys/login/begin', { auth: null, body: { email: EMAIL } });
    const finish = await t.request('POST', '/v1/auth/passkeys/login/finish', {
      auth: null,
      body: { credential: laptop.get(signIn.body.options) },
    });
    expect(finish.status).toBe(200);
    expect(finish.body.user_id).toBe(userId);
    const stale = await t.request('POST', '/v1/auth/passkeys/login/finish', {
      auth: null,
      body: {
        credential: phone.get((await t.request('POST', '/v1/auth/passkeys/login/begin', { auth: null })).body.options),
      },
    });
    expect(stale.body.error.code).toBe('webauthn.credential_unknown');
  });

  it('left an audit trail of every ceremony and MFA change', async () => {
    const events = await t.db.unscopedQuery<{ action: string; metadata: { passkey_id?: string } }>(
      `select action, metadata from audit_events where tenant_id = (select tenant_id from users where email = $1) order by seq`,
      [EMAIL],
    );
    const actions = events.map((e) => e.action);
    for (const action of [
      'user.created',
      'passkey.registered',
      'session.created',
      'mfa.totp_enrollment_started',
      'mfa.totp_enrolled',
      'mfa.recovery_codes_generated',
      'mfa.challenge_issued',
      'mfa.verification_failed',
      'mfa.login_completed',
      'passkey.deleted',
    ]) {
      expect(actions).toContain(action);
    }
    // Each passkey sign-in is audited by the session it opened, naming the passkey.
    const passkeySessions = events.filter((e) => e.action === 'session.created' && e.metadata.passkey_id);
    expect(passkeySessions.length).toBeGreaterThan(0);
  });
});
