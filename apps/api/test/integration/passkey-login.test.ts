import { decodeId } from '@qeetid/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Auth, startTestApp, type TestApp } from '../harness.ts';
import { SoftwareAuthenticator } from '../support/authenticator.ts';
import { addPasskey, newUser, ORIGIN, PASSWORD } from '../support/users.ts';

let t: TestApp;
let alice: { id: string; email: string; auth: Auth; key: SoftwareAuthenticator };
let bob: { id: string; email: string; auth: Auth; key: SoftwareAuthenticator };

beforeAll(async () => {
  t = await startTestApp();
  const a = await newUser(t, 'alice@login.test');
  alice = { ...a, key: await addPasskey(t, a.auth) };
  const b = await newUser(t, 'bob@login.test');
  bob = { ...b, key: await addPasskey(t, b.auth) };
});
afterAll(() => t.close());

const begin = async (email?: string) =>
  (await t.request('POST', '/v1/auth/passkeys/login/begin', { auth: null, body: email ? { email } : undefined })).body
    .options;
const finish = (credential: unknown) =>
  t.request('POST', '/v1/auth/passkeys/login/finish', { auth: null, body: { credential } });

async function lastAction(): Promise<{ action: string; target: unknown; metadata: Record<string, unknown> }> {
  const res = await t.request('GET', `/v1/tenants/${t.tenantId}/audit?limit=1`);
  return res.body.items[0];
}

describe('passkey sign-in options', () => {
  it('names no credential without an email: usernameless and conditional-UI friendly', async () => {
    const options = await begin();
    expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
    expect(options.allowCredentials ?? []).toEqual([]);
  });

  it('lists the account’s passkeys with an email hint', async () => {
    const options = await begin('Alice@Login.test');
    expect(options.allowCredentials).toHaveLength(1);
    expect(options.allowCredentials[0].id).toBe(Buffer.from(alice.key.credentials[0]?.id ?? []).toString('base64url'));
  });

  it('answers an unknown email exactly like no email', async () => {
    const options = await begin('nobody@login.test');
    expect(options.allowCredentials ?? []).toEqual([]);
  });
});

describe('passkey sign-in bad input', () => {
  it('refuses a replayed challenge', async () => {
    const options = await begin();
    const first = alice.key.get(options, { origin: 'https://evil.example' });
    await finish(first);
    const again = await finish(alice.key.get(options));
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('webauthn.challenge_invalid');
  });

  it.each([
    ['a wrong origin', { origin: 'https://evil.example' }, 400, 'webauthn.origin_mismatch'],
    ['a wrong RP ID', { rpId: 'evil.example' }, 400, 'webauthn.rp_id_mismatch'],
    ['missing user verification', { userVerified: false }, 400, 'webauthn.user_verification_required'],
    ['a signature over different data', { signOver: Buffer.from('something else') }, 401, 'webauthn.signature_invalid'],
    ['a changed backup-eligibility flag', { backupEligible: true }, 401, 'webauthn.backup_eligibility_changed'],
  ] as const)('refuses %s with a precise code and audits it', async (_label, overrides, status, code) => {
    const res = await finish(alice.key.get(await begin(), overrides));
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(await lastAction()).toMatchObject({
      action: 'passkey.assertion_failed',
      metadata: { code, ceremony: 'login' },
    });
  });

  it('refuses a counter that does not move forward (a cloned authenticator)', async () => {
    await t.db.unscopedQuery(
      `update webauthn_credentials set sign_count = 50 where user_id = (select id from users where email = 'alice@login.test')`,
    );
    const res = await finish(alice.key.get(await begin(), { signCount: 49 }));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('webauthn.counter_regression');
    expect((await lastAction()).action).toBe('passkey.assertion_failed');
  });

  it('refuses an unknown credential id', async () => {
    const assertion = alice.key.get(await begin());
    const res = await finish({ ...assertion, id: 'AAAAAAAAAAAAAAAAAAAAAA', rawId: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('webauthn.credential_unknown');
  });

  it('refuses another user’s passkey answering a sign-in started for alice', async () => {
    const options = await begin('alice@login.test');
    const res = await finish(bob.key.get(options, { credential: bob.key.credentials[0] }));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('webauthn.credential_mismatch');
    expect(await lastAction()).toMatchObject({ action: 'passkey.assertion_failed' });
  });

  it('refuses a user handle that is not the passkey’s owner', async () => {
    const other = Buffer.from(bob.key.credentials[0]?.userHandle ?? '', 'base64url').toString('base64url');
    const res = await finish(alice.key.get(await begin(), { userHandle: other }));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('webauthn.credential_mismatch');
  });

  it('refuses a body without a credential with 422', async () => {
    const res = await t.request('POST', '/v1/auth/passkeys/login/finish', { auth: null, body: {} });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].field).toBe('credential');
  });
});

describe('passkey sign-in', () => {
  // The counter test above moved alice's stored counter to 50; her authenticator reports more.
  it('opens a session in the home tenant whose step-up clock has started', async () => {
    const res = await finish(alice.key.get(await begin('alice@login.test'), { signCount: 100 }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', user_id: alice.id, tenant_id: t.tenantId });
    const status = await t.request('GET', '/v1/mfa/step-up/status', { auth: { bearer: res.body.access_token } });
    expect(status.body).toMatchObject({ fresh: true, method: 'webauthn' });
    const [passkey] = (await t.request('GET', '/v1/passkeys', { auth: alice.auth })).body.items;
    // The sign-in's one audit event: the session, the user and the passkey that proved it.
    expect(await lastAction()).toMatchObject({
      action: 'session.created',
      target: { type: 'session', id: res.body.session_id },
      metadata: { user_id: alice.id, methods: ['hwk', 'user', 'mfa'], passkey_id: passkey.id },
    });
  });

  it('is refused when the tenant’s auth policy does not allow passkeys', async () => {
    const policy = await t.request('PUT', `/v1/tenants/${t.tenantId}/auth-policy`, {
      body: { login_methods: ['password'] },
    });
    expect(policy.status).toBe(200);
    const res = await finish(alice.key.get(await begin(), { signCount: 101 }));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('auth.method_not_allowed');
    await t.request('PUT', `/v1/tenants/${t.tenantId}/auth-policy`, {
      body: { login_methods: ['password', 'magic_link', 'email_otp', 'passkey'] },
    });
  });

  it('starts the step-up clock at the sign-in itself, which a later verification renews', async () => {
    const res = await finish(alice.key.get(await begin(), { signCount: 102 }));
    expect(res.status).toBe(200);
    const auth = { bearer: res.body.access_token };
    const status = async () => (await t.request('GET', '/v1/mfa/step-up/status', { auth })).body;
    const signedIn = await status();
    expect(signedIn).toMatchObject({ fresh: true, method: 'webauthn' });
    expect(Math.abs(Date.parse(signedIn.verified_at) - Date.now())).toBeLessThan(60_000);
    await t.db.unscopedQuery(`update sessions set created_at = created_at - interval '10 minutes' where id = $1`, [
      decodeId('session', res.body.session_id),
    ]);
    expect(await status()).toMatchObject({ fresh: false, method: 'webauthn', max_age_seconds: 300 });
    const challenge = await t.request('POST', '/v1/mfa/webauthn/challenge', { auth });
    const verified = await t.request('POST', '/v1/mfa/webauthn/verify', {
      auth,
      body: { credential: alice.key.get(challenge.body.options, { signCount: 103 }) },
    });
    expect(verified.body).toMatchObject({ fresh: true, method: 'webauthn' });
    expect(Date.parse(verified.body.verified_at)).toBeGreaterThan(Date.parse(signedIn.verified_at) - 1);
  });
});

describe('passkey sign-in outside the home tenant', () => {
  // No route removes a home membership today; the schema allows it, and sign-in then lands in the
  // user's oldest other membership (auth-platform.ts `signInMembership`).
  it('stores the use in the home tenant and opens the session where the user is a member', async () => {
    const carol = await newUser(t, 'carol@login.test');
    const key = await addPasskey(t, carol.auth);
    const own = await t.request('POST', '/v1/tenants', { auth: carol.auth, body: { name: 'Carol Co' } });
    expect(own.status).toBe(201);
    await t.db.unscopedQuery('delete from memberships where user_id = $1 and tenant_id = $2', [
      decodeId('user', carol.id),
      decodeId('tenant', t.tenantId),
    ]);
    const options = await begin();
    const res = await finish(key.get(options, { signCount: 7 }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user_id: carol.id, tenant_id: own.body.id });
    const [stored] = await t.db.unscopedQuery<{ sign_count: number }>(
      'select sign_count::int from webauthn_credentials where tenant_id = $1 and user_id = $2',
      [decodeId('tenant', t.tenantId), decodeId('user', carol.id)],
    );
    expect(stored?.sign_count).toBe(7);
    const events = await t.request('GET', `/v1/tenants/${own.body.id}/audit?limit=1`, {
      auth: { bearer: res.body.access_token },
    });
    expect(events.body.items[0]).toMatchObject({
      action: 'session.created',
      target: { type: 'session', id: res.body.session_id },
    });
    // The stored counter is checked: the same count again is a clone's.
    const again = await finish(key.get(await begin(), { signCount: 7 }));
    expect(again.body.error?.code).toBe('webauthn.counter_regression');
  });
});

describe('a first password for a passkey-only account', () => {
  it('is set only from a sign-in of the last 10 minutes, a fresh step-up alone is not enough', async () => {
    const phone = new SoftwareAuthenticator({ origin: ORIGIN });
    const signup = await t.request('POST', '/v1/auth/passkeys/signup/begin', {
      auth: null,
      body: { email: 'first-password@login.test', display_name: 'First' },
    });
    const created = await t.request('POST', '/v1/auth/passkeys/signup/finish', {
      auth: null,
      body: { credential: phone.create(signup.body.options) },
    });
    expect(created.status).toBe(201);
    const auth = { bearer: created.body.access_token };
    await t.db.unscopedQuery(`update sessions set created_at = created_at - interval '11 minutes' where id = $1`, [
      decodeId('session', created.body.session_id),
    ]);
    const challenge = await t.request('POST', '/v1/mfa/webauthn/challenge', { auth });
    const stepped = await t.request('POST', '/v1/mfa/webauthn/verify', {
      auth,
      body: { credential: phone.get(challenge.body.options) },
    });
    expect(stepped.body).toMatchObject({ fresh: true, method: 'webauthn' });
    const stale = await t.request('POST', '/v1/auth/password', { auth, body: { new_password: PASSWORD } });
    expect(stale.status).toBe(403);
    expect(stale.body.error).toMatchObject({
      code: 'step_up_required',
      message: expect.stringMatching(/sign in again/),
    });
    const login = await finish(phone.get(await begin()));
    const fresh = await t.request('POST', '/v1/auth/password', {
      auth: { bearer: login.body.access_token },
      body: { new_password: PASSWORD },
    });
    expect(fresh.status).toBe(204);
    expect(
      (await t.request('GET', '/v1/auth/password', { auth: { bearer: login.body.access_token } })).body,
    ).toMatchObject({ has_password: true });
  });
});
