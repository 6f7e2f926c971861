import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions, startTestApp, type TestApp } from '../harness.ts';
import { SoftwareAuthenticator } from '../support/authenticator.ts';
import { addPasskey, newUser, ORIGIN } from '../support/users.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function register(authenticator: SoftwareAuthenticator, attestation: 'none' | 'packed' = 'none', name?: string) {
  const begin = await t.request('POST', '/v1/passkeys/register/begin');
  expect(begin.status).toBe(200);
  const credential = authenticator.create(begin.body.options, attestation);
  return t.request('POST', '/v1/passkeys/register/finish', { body: { credential, ...(name ? { name } : {}) } });
}

describe('registering passkeys (software authenticator, real P-256 and CBOR)', () => {
  it('asks for a discoverable, user-verified credential with a server-side challenge', async () => {
    const begin = await t.request('POST', '/v1/passkeys/register/begin');
    expect(begin.status).toBe(200);
    const o = begin.body.options;
    expect(o.rp).toMatchObject({ id: 'localhost', name: 'Qeet ID' });
    expect(o.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    expect(Buffer.from(o.challenge, 'base64url').length).toBe(32);
    expect(Buffer.from(o.user.id, 'base64url').length).toBe(16);
    const rows = await t.db.unscopedQuery<{ challenge_hash: string }>('select challenge_hash from webauthn_challenges');
    expect(JSON.stringify(rows)).not.toContain(o.challenge);
  });

  it('stores a passkey from "none" attestation, names it by AAGUID, and audits it', async () => {
    const icloud = new SoftwareAuthenticator({
      origin: ORIGIN,
      aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
      backupEligible: true,
      backupState: true,
    });
    const res = await register(icloud);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'iCloud Keychain',
      authenticator: 'iCloud Keychain',
      attestation_format: 'none',
      backup_eligible: true,
      backed_up: true,
    });
    expect(res.body.id).toMatch(/^pky_/);
    expect(await auditActions(t)).toContain('passkey.registered');
  });

  it('stores a passkey from "packed" self attestation with the name given', async () => {
    const key = new SoftwareAuthenticator({ origin: ORIGIN });
    const res = await register(key, 'packed', 'Desk key');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Desk key', authenticator: null, attestation_format: 'packed' });
  });

  it('lists, renames, and refuses another user’s or an unknown passkey with 404', async () => {
    const res = await register(new SoftwareAuthenticator({ origin: ORIGIN }));
    const list = await t.request('GET', '/v1/passkeys');
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(res.body.id);
    const renamed = await t.request('PATCH', `/v1/passkeys/${res.body.id}`, { body: { name: 'Laptop' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Laptop');
    expect(
      (await t.request('PATCH', '/v1/passkeys/pky_01jd5f8q3ve4r9x2m6k7n8p0ab', { body: { name: 'x' } })).status,
    ).toBe(404);
    expect(await auditActions(t)).toContain('passkey.renamed');
  });

  it('refuses an API key: these operations act for a user', async () => {
    const key = await t.request('POST', '/v1/api-keys', { body: { name: 'k' } });
    const res = await t.request('GET', '/v1/passkeys', { auth: { apiKey: key.body.key } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_auth_scheme');
  });
});

describe('registration bad input', () => {
  const cases: [string, (a: SoftwareAuthenticator, o: unknown) => unknown, number, string][] = [
    [
      'a wrong origin',
      (a, o) => a.create(o, 'none', { origin: 'https://evil.example' }),
      400,
      'webauthn.origin_mismatch',
    ],
    ['a wrong RP ID', (a, o) => a.create(o, 'none', { rpId: 'evil.example' }), 400, 'webauthn.rp_id_mismatch'],
    [
      'no user verification',
      (a, o) => a.create(o, 'none', { userVerified: false }),
      400,
      'webauthn.user_verification_required',
    ],
    [
      'a sign-in (webauthn.get) response',
      (a, o) => a.create(o, 'none', { type: 'webauthn.get' }),
      400,
      'webauthn.response_invalid',
    ],
    [
      'a challenge the server never issued',
      (a, o) => a.create(o, 'none', { challenge: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }),
      400,
      'webauthn.challenge_invalid',
    ],
  ];
  it.each(cases)('refuses %s with a precise code and an audit event', async (_label, make, status, code) => {
    const begin = await t.request('POST', '/v1/passkeys/register/begin');
    const credential = make(new SoftwareAuthenticator({ origin: ORIGIN }), begin.body.options);
    const res = await t.request('POST', '/v1/passkeys/register/finish', { body: { credential } });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    if (code !== 'webauthn.challenge_invalid') expect((await auditActions(t))[0]).toBe('passkey.registration_failed');
  });

  it('refuses a replayed challenge: each one answers a single ceremony', async () => {
    const begin = await t.request('POST', '/v1/passkeys/register/begin');
    const a = new SoftwareAuthenticator({ origin: ORIGIN });
    const first = await t.request('POST', '/v1/passkeys/register/finish', {
      body: { credential: a.create(begin.body.options) },
    });
    expect(first.status).toBe(201);
    const again = await t.request('POST', '/v1/passkeys/register/finish', {
      body: { credential: a.create(begin.body.options) },
    });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('webauthn.challenge_invalid');
  });

  it('refuses a challenge of another ceremony (a sign-in challenge used to register)', async () => {
    const login = await t.request('POST', '/v1/auth/passkeys/login/begin', { auth: null });
    const begin = await t.request('POST', '/v1/passkeys/register/begin');
    const credential = new SoftwareAuthenticator({ origin: ORIGIN }).create({
      ...begin.body.options,
      challenge: login.body.options.challenge,
    });
    const res = await t.request('POST', '/v1/passkeys/register/finish', { body: { credential } });
    expect(res.body.error.code).toBe('webauthn.challenge_invalid');
  });

  it('refuses an expired challenge', async () => {
    const begin = await t.request('POST', '/v1/passkeys/register/begin');
    await t.db.unscopedQuery(`update webauthn_challenges set expires_at = now() - interval '1 second'`);
    const credential = new SoftwareAuthenticator({ origin: ORIGIN }).create(begin.body.options);
    const res = await t.request('POST', '/v1/passkeys/register/finish', { body: { credential } });
    expect(res.body.error.code).toBe('webauthn.challenge_invalid');
  });

  it('refuses garbage clientDataJSON with 400', async () => {
    const res = await t.request('POST', '/v1/passkeys/register/finish', {
      body: { credential: { id: 'x', rawId: 'x', type: 'public-key', response: { clientDataJSON: 'bm90IGpzb24' } } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('webauthn.response_invalid');
  });

  it('refuses the same credential twice with 409', async () => {
    const a = new SoftwareAuthenticator({ origin: ORIGIN });
    await register(a);
    const begin = await t.request('POST', '/v1/passkeys/register/begin');
    const again = a.create(begin.body.options, 'none', { credential: a.credentials[0] });
    const res = await t.request('POST', '/v1/passkeys/register/finish', { body: { credential: again } });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/already registered/);
  });
});

describe('deleting passkeys', () => {
  it('needs a fresh step-up, proven with a passkey, and never removes the last way to sign in', async () => {
    const user = await newUser(t, 'deleter@passkeys.test');
    const phone = await addPasskey(t, user.auth);
    const [only] = (await t.request('GET', '/v1/passkeys', { auth: user.auth })).body.items;
    const stale = await t.request('DELETE', `/v1/passkeys/${only.id}`, { auth: user.auth });
    expect(stale.status).toBe(403);
    expect(stale.body.error).toMatchObject({
      code: 'step_up_required',
      step_up: { methods: ['POST /v1/mfa/webauthn/challenge + /v1/mfa/webauthn/verify'], max_age_seconds: 300 },
    });
    const challenge = await t.request('POST', '/v1/mfa/webauthn/challenge', { auth: user.auth });
    const verified = await t.request('POST', '/v1/mfa/webauthn/verify', {
      auth: user.auth,
      body: { credential: phone.get(challenge.body.options) },
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ fresh: true, method: 'webauthn' });
    const last = await t.request('DELETE', `/v1/passkeys/${only.id}`, { auth: user.auth });
    expect(last.status).toBe(409);
    expect(last.body.error.message).toMatch(/last way to sign in/);
    await addPasskey(t, user.auth);
    expect((await t.request('DELETE', `/v1/passkeys/${only.id}`, { auth: user.auth })).status).toBe(204);
    expect((await t.request('GET', '/v1/passkeys', { auth: user.auth })).body.items).toHaveLength(1);
    expect(await auditActions(t)).toEqual(expect.arrayContaining(['passkey.deleted', 'mfa.step_up_verified']));
  });

  it('lets a passkey go when the account has a password', async () => {
    const user = await newUser(t, 'with-password@passkeys.test');
    await t.request('POST', `/v1/users/${user.id}/password`, { body: { password: 'a long enough passphrase 1' } });
    const key = await addPasskey(t, user.auth);
    const challenge = await t.request('POST', '/v1/mfa/webauthn/challenge', { auth: user.auth });
    await t.request('POST', '/v1/mfa/webauthn/verify', {
      auth: user.auth,
      body: { credential: key.get(challenge.body.options) },
    });
    const [only] = (await t.request('GET', '/v1/passkeys', { auth: user.auth })).body.items;
    expect((await t.request('DELETE', `/v1/passkeys/${only.id}`, { auth: user.auth })).status).toBe(204);
  });

  it('refuses a step-up assertion by another user’s passkey', async () => {
    const mallory = await newUser(t, 'mallory@passkeys.test');
    const malloryKey = await addPasskey(t, mallory.auth);
    const victim = await newUser(t, 'victim@passkeys.test');
    await addPasskey(t, victim.auth);
    const challenge = await t.request('POST', '/v1/mfa/webauthn/challenge', { auth: victim.auth });
    const res = await t.request('POST', '/v1/mfa/webauthn/verify', {
      auth: victim.auth,
      body: { credential: malloryKey.get(challenge.body.options, { credential: malloryKey.credentials[0] }) },
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('webauthn.credential_mismatch');
  });
});
