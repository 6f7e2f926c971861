import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Auth, startTestApp, type TestApp } from '../harness.ts';
import { SoftwareAuthenticator } from '../support/authenticator.ts';
import { codeAt, enrollTotp, lastCode } from '../support/codes.ts';
import { login, ORIGIN, PASSWORD, signup } from '../support/users.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const inADay = () => new Date(Date.now() + 86_400_000).toISOString();
let counter = 0;

/** A password account of its own (personal tenant), signed in. */
async function account() {
  const email = `mfa${++counter}@login.test`;
  const pair = await signup(t, email);
  return { email, auth: { bearer: pair.access_token } as Auth, userId: pair.user_id, tenantId: pair.tenant_id };
}
const complete = (body: Record<string, unknown>) => t.request('POST', '/v1/auth/mfa', { auth: null, body });

describe('sign-in with a second factor', () => {
  it('answers {mfa_required, mfa_token, methods} once TOTP is enrolled, and POST /v1/auth/mfa finishes it', async () => {
    const me = await account();
    const { secret } = await enrollTotp(t, me.auth);
    const first = await login(t, me.email);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      mfa_required: true,
      mfa_token: expect.stringMatching(/^qm_/),
      methods: ['totp', 'recovery_code'],
    });
    const done = await complete({
      mfa_token: first.body.mfa_token,
      method: 'totp',
      code: codeAt(secret, Date.now() + 30_000),
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ token_type: 'Bearer', user_id: me.userId });
    const status = await t.request('GET', '/v1/mfa/step-up/status', { auth: { bearer: done.body.access_token } });
    expect(status.body).toMatchObject({ fresh: true, method: 'totp' });
  });

  it('refuses an unknown, spent or expired mfa_token and a method the account does not have', async () => {
    const me = await account();
    const { secret } = await enrollTotp(t, me.auth);
    const first = await login(t, me.email);
    const token = first.body.mfa_token;
    expect(
      (
        await complete({
          mfa_token: 'qm_000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
          method: 'totp',
          code: '123456',
        })
      ).body.error.code,
    ).toBe('mfa.token_invalid');
    const otp = await complete({ mfa_token: token, method: 'otp', code: '123456' });
    expect(otp.status).toBe(400);
    expect(otp.body.error.code).toBe('mfa.method_unavailable');
    const noCode = await complete({ mfa_token: token, method: 'totp' });
    expect(noCode.status).toBe(422);
    await t.db.unscopedQuery(`update mfa_pending_logins set expires_at = now() - interval '1 second'`);
    const expired = await complete({ mfa_token: token, method: 'totp', code: codeAt(secret, Date.now()) });
    expect(expired.body.error.code).toBe('mfa.token_invalid');
  });

  it('locks /v1/auth/mfa with 429 after five wrong codes', async () => {
    const me = await account();
    const { secret } = await enrollTotp(t, me.auth);
    const token = (await login(t, me.email)).body.mfa_token;
    for (let i = 0; i < 5; i++)
      expect((await complete({ mfa_token: token, method: 'totp', code: '000000' })).status).toBe(401);
    const locked = await complete({ mfa_token: token, method: 'totp', code: codeAt(secret, Date.now() + 30_000) });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBeTruthy();
  });

  it('takes a passkey as the second factor', async () => {
    const me = await account();
    const key = new SoftwareAuthenticator({ origin: ORIGIN });
    const begin = await t.request('POST', '/v1/passkeys/register/begin', { auth: me.auth });
    await t.request('POST', '/v1/passkeys/register/finish', {
      auth: me.auth,
      body: { credential: key.create(begin.body.options) },
    });
    const first = await login(t, me.email);
    expect(first.body.methods).toEqual(['webauthn']);
    const challenge = await t.request('POST', '/v1/auth/mfa/challenge', {
      auth: null,
      body: { mfa_token: first.body.mfa_token, method: 'webauthn' },
    });
    expect(challenge.status).toBe(200);
    expect(challenge.body.options.allowCredentials).toHaveLength(1);
    const done = await complete({
      mfa_token: first.body.mfa_token,
      method: 'webauthn',
      credential: key.get(challenge.body.options),
    });
    expect(done.status).toBe(200);
  });

  it.each([
    ['email', (me: { email: string }) => `second-${me.email}`],
    // No SMS provider is configured in tests: the message is kept in the outbox, as in development.
    ['sms', () => `+1555${String(Date.now()).slice(-7)}`],
  ] as const)('takes an %s code factor through the message sender', async (channel, destinationOf) => {
    const me = await account();
    const destination = destinationOf(me);
    const added = await t.request('POST', '/v1/mfa/otp/factors', {
      auth: me.auth,
      body: { channel, destination },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ channel, confirmed: false });
    expect(added.body.destination).not.toBe(destination);
    const confirmed = await t.request('POST', `/v1/mfa/otp/factors/${added.body.id}/confirm`, {
      auth: me.auth,
      body: { code: await lastCode(t, destination) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recovery_codes).toHaveLength(10);
    const first = await login(t, me.email);
    expect(first.body.methods).toEqual(['otp', 'recovery_code']);
    expect(first.body.otp_factors).toEqual([expect.objectContaining({ id: added.body.id, confirmed: true })]);
    const sent = await t.request('POST', '/v1/auth/mfa/challenge', {
      auth: null,
      body: { mfa_token: first.body.mfa_token, method: 'otp', factor_id: added.body.id },
    });
    expect(sent.status).toBe(200);
    const done = await complete({
      mfa_token: first.body.mfa_token,
      method: 'otp',
      factor_id: added.body.id,
      code: await lastCode(t, destination),
    });
    expect(done.status).toBe(200);
  });

  it('makes an account without factors enroll an app during sign-in when the tenant requires MFA', async () => {
    const me = await account();
    await t.request('PUT', `/v1/tenants/${me.tenantId}/policy`, {
      auth: me.auth,
      body: { mfa_required: true, step_up_max_age_seconds: 300 },
    });
    const first = await login(t, me.email);
    expect(first.body).toMatchObject({ mfa_required: true, methods: ['totp_enrollment'] });
    const enroll = await t.request('POST', '/v1/auth/mfa/challenge', {
      auth: null,
      body: { mfa_token: first.body.mfa_token, method: 'totp_enrollment' },
    });
    expect(enroll.body.otpauth_uri).toMatch(/^otpauth:\/\/totp\//);
    const done = await complete({
      mfa_token: first.body.mfa_token,
      method: 'totp',
      code: codeAt(enroll.body.secret, Date.now()),
    });
    expect(done.status).toBe(200);
    expect((await t.request('GET', '/v1/mfa/totp', { auth: { bearer: done.body.access_token } })).body.enrolled).toBe(
      true,
    );
  });

  it('asks for a second factor when an admin requires it for the user', async () => {
    const me = await account();
    expect((await login(t, me.email)).body.access_token).toBeTruthy();
    await t.request('PUT', `/v1/users/${me.userId}/mfa-required`, { auth: me.auth, body: { required: true } });
    expect((await login(t, me.email)).body).toMatchObject({ mfa_required: true, methods: ['totp_enrollment'] });
  });
});

describe('step-up on sensitive operations of other modules', () => {
  it('guards password change and personal access token creation once a factor exists', async () => {
    const me = await account();
    const { secret } = await enrollTotp(t, me.auth);
    await t.db.unscopedQuery(`update step_up_verifications set verified_at = now() - interval '1 hour'`);
    const pat = await t.request('POST', '/v1/auth/tokens', {
      auth: me.auth,
      body: { name: 'cli', expires_at: inADay() },
    });
    expect(pat.status).toBe(403);
    expect(pat.body.error.code).toBe('step_up_required');
    const change = await t.request('POST', '/v1/auth/password', {
      auth: me.auth,
      body: { current_password: PASSWORD, new_password: 'another long passphrase 43' },
    });
    expect(change.status).toBe(403);
    await t.request('POST', '/v1/mfa/totp/verify', {
      auth: me.auth,
      body: { code: codeAt(secret, Date.now() + 30_000) },
    });
    expect(
      (await t.request('POST', '/v1/auth/tokens', { auth: me.auth, body: { name: 'cli', expires_at: inADay() } }))
        .status,
    ).toBe(201);
  });
});
