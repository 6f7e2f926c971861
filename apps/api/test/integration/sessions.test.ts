import { createHmac, generateKeyPairSync } from 'node:crypto';
import type { TokenPair } from '@qeetid/contract';
import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, type JWK, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createTenantWithKey, startTestApp, type TestApp } from '../harness.ts';
import { PASSWORD, login as passwordLogin, signup } from '../support/users.ts';

let t: TestApp;
let apiKey: string;
beforeAll(async () => {
  t = await startTestApp();
  apiKey = await createApiKey(t);
});
afterAll(() => t.close());

let counter = 0;
const email = () => `user${++counter}-${Date.now()}@sessions.test`;

async function jwks() {
  const res = await t.request('GET', '/.well-known/jwks.json', { auth: null });
  expect(res.status).toBe(200);
  return res;
}

/** Verifies with jose against the served JWKS only: no code shared with the signer. */
async function verifyAgainstJwks(token: string) {
  const set = createLocalJWKSet((await jwks()).body);
  return jwtVerify(token, set, {
    algorithms: ['ES256'],
    typ: 'at+jwt',
    issuer: t.deps.config.issuer,
    audience: t.deps.config.audience,
  });
}

async function login(address: string) {
  const res = await passwordLogin(t, address);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as TokenPair;
}

/** A user made by an API key (Quickstart), with a password set by the admin endpoint. */
async function managedUser(address = email()) {
  const user = await t.request('POST', '/v1/users', { auth: { apiKey }, body: { email: address } });
  expect(user.status).toBe(201);
  const set = await t.request('POST', `/v1/users/${user.body.id}/password`, {
    auth: { apiKey },
    body: { password: PASSWORD },
  });
  expect(set.status, JSON.stringify(set.body)).toBe(204);
  return { id: user.body.id as string, email: address };
}

describe('token pair and JWKS (CONTRACT.md "Tokens")', () => {
  it('signup answers the token pair; the access token verifies against the served JWKS with every claim', async () => {
    const pair = await signup(t, email());
    expect(Object.keys(pair).sort()).toEqual(
      ['access_token', 'expires_at', 'refresh_token', 'session_id', 'tenant_id', 'token_type', 'user_id'].sort(),
    );
    expect(pair.token_type).toBe('Bearer');
    const { payload, protectedHeader } = await verifyAgainstJwks(pair.access_token as string);
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(payload).toMatchObject({
      iss: t.deps.config.issuer,
      aud: t.deps.config.audience,
      sub: pair.user_id,
      user_id: pair.user_id,
      tenant_id: pair.tenant_id,
      session_id: pair.session_id,
      sid: pair.session_id,
    });
    expect(pair.session_id).toMatch(/^ses_/);
    expect(payload.jti).toEqual(expect.any(String));
    expect(payload.nbf).toBe(payload.iat);
    expect((payload.exp as number) - (payload.iat as number)).toBe(900);
    expect(new Date(pair.expires_at as string).getTime()).toBe((payload.exp as number) * 1000);
  });

  it('publishes keys whose kid is the RFC 7638 thumbprint, with Cache-Control', async () => {
    const res = await jwks();
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    for (const key of res.body.keys as JWK[]) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(key.kid).toBe(await calculateJwkThumbprint({ kty: key.kty, crv: key.crv, x: key.x, y: key.y } as JWK));
      expect(key).not.toHaveProperty('d');
    }
  });

  it('signup creates a personal tenant the user owns, and refuses a taken email with 409', async () => {
    const address = email();
    const pair = await signup(t, address);
    const tenant = await t.request('GET', `/v1/tenants/${pair.tenant_id}`, { auth: { bearer: pair.access_token } });
    expect(tenant.status).toBe(200);
    expect(tenant.body.name).toBe('Personal');
    const members = await t.request('GET', `/v1/tenants/${pair.tenant_id}/members`, {
      auth: { bearer: pair.access_token },
    });
    expect(members.body.items).toEqual([expect.objectContaining({ user_id: pair.user_id, role: 'owner' })]);
    const again = await t.request('POST', '/v1/auth/signup', {
      auth: null,
      body: { email: address, password: PASSWORD },
    });
    expect(again.status).toBe(409);
  });

  it('refuses weak and breached passwords with 422 naming the rule, and writes nothing', async () => {
    const address = email();
    const short = await t.request('POST', '/v1/auth/signup', {
      auth: null,
      body: { email: address, password: 'short' },
    });
    expect(short.status).toBe(422);
    expect(short.body.error.fields).toEqual([
      expect.objectContaining({ field: 'password', code: 'password_too_short' }),
    ]);
    const breached = await t.request('POST', '/v1/auth/signup', {
      auth: null,
      body: { email: address, password: 'password1234' },
    });
    expect(breached.status).toBe(422);
    expect(breached.body.error.fields[0].code).toBe('password_breached');
    const users = await t.db.unscopedQuery('select 1 from users where email = $1', [address]);
    expect(users).toEqual([]);
  });
});

describe('password login', () => {
  it('signs in a user created by an API key with a password set by the admin endpoint (Quickstart)', async () => {
    const user = await managedUser();
    const res = await t.request('POST', '/v1/auth/login', {
      auth: null,
      body: { email: user.email, password: PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user_id: user.id, tenant_id: t.tenantId, token_type: 'Bearer' });
    const me = await t.request('GET', '/v1/auth/me', { auth: { bearer: res.body.access_token } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      auth_method: 'access_token',
      user_id: user.id,
      tenant_id: t.tenantId,
      session_id: res.body.session_id,
      actor: { type: 'user', id: user.id },
    });
  });

  it('answers a wrong password and an unknown email identically (401 auth.invalid_credentials)', async () => {
    const user = await managedUser();
    const wrong = await t.request('POST', '/v1/auth/login', {
      auth: null,
      body: { email: user.email, password: 'not the password at all' },
    });
    const unknown = await t.request('POST', '/v1/auth/login', {
      auth: null,
      body: { email: `nobody-${Date.now()}@sessions.test`, password: 'not the password at all' },
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('auth.invalid_credentials');
    }
    expect({ ...wrong.body.error, request_id: '' }).toEqual({ ...unknown.body.error, request_id: '' });
  });

  it('signs in to a named tenant only when the user is a member of it (else 403)', async () => {
    const user = await managedUser();
    const other = await createTenantWithKey(t, 'Elsewhere');
    const res = await t.request('POST', '/v1/auth/login', {
      auth: null,
      body: { email: user.email, password: PASSWORD, tenant_id: other.tenantId },
    });
    expect(res.status).toBe(403);
    const home = await t.request('POST', '/v1/auth/login', {
      auth: null,
      body: { email: user.email, password: PASSWORD, tenant_id: t.tenantId },
    });
    expect(home.status).toBe(200);
  });

  it('limits failed attempts per account: 429 with Retry-After and RateLimit-* headers', async () => {
    const user = await managedUser();
    for (let i = 0; i < 10; i++) {
      const res = await t.request('POST', '/v1/auth/login', {
        auth: null,
        body: { email: user.email, password: `x${i}` },
      });
      expect(res.status).toBe(401);
    }
    const blocked = await t.request('POST', '/v1/auth/login', {
      auth: null,
      body: { email: user.email, password: PASSWORD },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.headers.get('ratelimit-limit')).toBe('10');
    expect(blocked.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(blocked.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
  });

  it('a successful login clears the account’s failure count', async () => {
    const user = await managedUser();
    const fail = () =>
      t.request('POST', '/v1/auth/login', { auth: null, body: { email: user.email, password: 'wrong one' } });
    for (let i = 0; i < 9; i++) expect((await fail()).status).toBe(401);
    const ok = await t.request('POST', '/v1/auth/login', {
      auth: null,
      body: { email: user.email, password: PASSWORD },
    });
    expect(ok.status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await fail()).status).toBe(401);
    expect((await fail()).status).toBe(429);
  });

  it('admin set-password applies the tenant policy and needs a user the tenant manages', async () => {
    const user = await managedUser();
    const weak = await t.request('POST', `/v1/users/${user.id}/password`, {
      auth: { apiKey },
      body: { password: 'abc' },
    });
    expect(weak.status).toBe(422);
    expect(weak.body.error.fields[0]).toMatchObject({ field: 'password', code: 'password_too_short' });
    const other = await createTenantWithKey(t, 'Stranger');
    const foreign = await t.request('POST', `/v1/users/${user.id}/password`, {
      auth: { apiKey: other.apiKey },
      body: { password: PASSWORD },
    });
    expect(foreign.status).toBe(404);
  });
});

describe('refresh rotation and theft detection', () => {
  it('rotates: each refresh answers a new pair in the same session', async () => {
    const first = await signup(t, email());
    const second = await t.request('POST', '/v1/auth/refresh', {
      auth: null,
      body: { refresh_token: first.refresh_token },
    });
    expect(second.status).toBe(200);
    expect(second.body.session_id).toBe(first.session_id);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    await verifyAgainstJwks(second.body.access_token);
  });

  it('a reused refresh token revokes the family and the session, and is audited', async () => {
    const address = email();
    const first = await signup(t, address);
    const second = (
      await t.request('POST', '/v1/auth/refresh', { auth: null, body: { refresh_token: first.refresh_token } })
    ).body;
    const replay = await t.request('POST', '/v1/auth/refresh', {
      auth: null,
      body: { refresh_token: first.refresh_token },
    });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('auth.refresh_token_reused');
    const successor = await t.request('POST', '/v1/auth/refresh', {
      auth: null,
      body: { refresh_token: second.refresh_token },
    });
    expect(successor.status).toBe(401);
    expect(successor.body.error.code).toBe('auth.session_revoked');
    const me = await t.request('GET', '/v1/auth/me', { auth: { bearer: second.access_token } });
    expect(me.status).toBe(401);
    const audit = await t.request('GET', `/v1/tenants/${first.tenant_id}/audit?action=auth.refresh_token_reused`, {
      auth: { bearer: (await login(address)).access_token },
    });
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        target: { type: 'session', id: first.session_id },
        actor: { type: 'system', id: null },
      }),
    ]);
  });

  it('two concurrent refreshes of one token: exactly one wins', async () => {
    const pair = await signup(t, email());
    const both = await Promise.all(
      [1, 2].map(() =>
        t.request('POST', '/v1/auth/refresh', { auth: null, body: { refresh_token: pair.refresh_token } }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it.each([
    ['malformed', 'qr_short'],
    ['well-formed but unknown', `qr_${'A'.repeat(43)}`],
    ['of another kind', `qk_${'a'.repeat(12)}.${'A'.repeat(43)}`],
  ])('refuses a %s refresh token with 401', async (_label, token) => {
    const res = await t.request('POST', '/v1/auth/refresh', { auth: null, body: { refresh_token: token } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('auth.refresh_token_invalid');
  });

  it('logout revokes the session: its access token and refresh token stop working here', async () => {
    const pair = await signup(t, email());
    const out = await t.request('POST', '/v1/auth/logout', { auth: { bearer: pair.access_token } });
    expect(out.status).toBe(204);
    expect((await t.request('GET', '/v1/auth/me', { auth: { bearer: pair.access_token } })).status).toBe(401);
    const refreshed = await t.request('POST', '/v1/auth/refresh', {
      auth: null,
      body: { refresh_token: pair.refresh_token },
    });
    expect(refreshed.status).toBe(401);
  });
});

describe('bad access tokens are refused with 401', () => {
  const claimsOf = async (pair: TokenPair) =>
    (await verifyAgainstJwks(pair.access_token as string)).payload as Record<string, unknown>;

  it('expired, tampered, alg none, HS256, unknown kid and wrong aud', async () => {
    const pair = await signup(t, email());
    const claims = await claimsOf(pair);
    const now = Math.floor(Date.now() / 1000);
    const [header, payload, signature] = (pair.access_token as string).split('.');
    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const tampered = `${header}.${b64({ ...claims, tenant_id: t.tenantId })}.${signature}`;
    const none = `${b64({ alg: 'none', typ: 'at+jwt' })}.${payload}.`;
    const hsHeader = b64({ alg: 'HS256', typ: 'at+jwt', kid: decodeProtectedHeader(pair.access_token as string).kid });
    const hsMac = createHmac('sha256', 'secret').update(`${hsHeader}.${payload}`).digest('base64url');
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const unknownKid = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'not-a-published-key' })
      .sign(stranger);
    const expired = await t.deps.keys.sign({ ...claims, iat: now - 7200, nbf: now - 7200, exp: now - 3600 });
    const wrongAud = await t.deps.keys.sign({ ...claims, aud: 'https://someone-else.example' });
    const cases = { tampered, none, hs256: `${hsHeader}.${payload}.${hsMac}`, unknownKid, expired, wrongAud };
    for (const [label, token] of Object.entries(cases)) {
      const res = await t.request('GET', '/v1/auth/me', { auth: { bearer: token } });
      expect(res.status, label).toBe(401);
    }
    const ok = await t.request('GET', '/v1/auth/me', { auth: { bearer: pair.access_token } });
    expect(ok.status).toBe(200);
  });
});

describe('signing-key rotation', () => {
  it('a token signed before rotation still verifies after it; the new kid is published and signs', async () => {
    const before = await signup(t, email());
    const oldKid = decodeProtectedHeader(before.access_token as string).kid;
    const rotated = await t.request('POST', '/v1/oidc/signing-keys/rotate');
    expect(rotated.status).toBe(201);
    expect(rotated.body.status).toBe('active');
    const kids = ((await jwks()).body.keys as JWK[]).map((k) => k.kid);
    expect(kids).toContain(rotated.body.kid);
    expect(kids).toContain(oldKid);
    await verifyAgainstJwks(before.access_token as string);
    expect((await t.request('GET', '/v1/auth/me', { auth: { bearer: before.access_token } })).status).toBe(200);
    const after = await signup(t, email());
    expect(decodeProtectedHeader(after.access_token as string).kid).toBe(rotated.body.kid);
    const list = await t.request('GET', '/v1/oidc/signing-keys');
    expect(list.body.items[0]).toMatchObject({ kid: rotated.body.kid, status: 'active', retired_at: null });
    expect(list.body.items.find((k: { kid: string }) => k.kid === oldKid)).toMatchObject({ status: 'retired' });
  });

  it('a retired key leaves the JWKS once its tokens have all expired, and its tokens stop verifying', async () => {
    const pair = await signup(t, email());
    const oldKid = decodeProtectedHeader(pair.access_token as string).kid;
    await t.request('POST', '/v1/oidc/signing-keys/rotate');
    await t.db.unscopedQuery(`update signing_keys set retired_at = now() - interval '1 day' where kid = $1`, [oldKid]);
    await t.deps.keys.reload();
    expect(((await jwks()).body.keys as JWK[]).map((k) => k.kid)).not.toContain(oldKid);
    const list = await t.request('GET', '/v1/oidc/signing-keys');
    expect(list.body.items.find((k: { kid: string }) => k.kid === oldKid)).toMatchObject({ status: 'expired' });
    expect((await t.request('GET', '/v1/auth/me', { auth: { bearer: pair.access_token } })).status).toBe(401);
  });

  it('only administrators of the bootstrap tenant manage signing keys', async () => {
    const other = await createTenantWithKey(t, 'Not the platform');
    const res = await t.request('POST', '/v1/oidc/signing-keys/rotate', { auth: { apiKey: other.apiKey } });
    expect(res.status).toBe(403);
    const member = await signup(t, email());
    const list = await t.request('GET', '/v1/oidc/signing-keys', { auth: { bearer: member.access_token } });
    expect(list.status).toBe(403);
  });
});
