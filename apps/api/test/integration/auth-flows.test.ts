import type { TokenPair } from '@qeetid/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createTenantWithKey, startTestApp, type TestApp } from '../harness.ts';
import { codeIn, lastMessage } from '../support/codes.ts';
import { login, PASSWORD, signup } from '../support/users.ts';

let t: TestApp;
let apiKey: string;
beforeAll(async () => {
  t = await startTestApp();
  apiKey = await createApiKey(t);
});
afterAll(() => t.close());

let counter = 0;
const email = () => `flow${++counter}-${Date.now()}@flows.test`;

/** A signed-up account: its first token pair, and its address. */
async function account(address = email()) {
  return { ...(await signup(t, address)), email: address };
}

const tokenIn = (text: string) => /token: (ql_[A-Za-z0-9_-]{43})/.exec(text)?.[1] as string;

describe('sessions', () => {
  it('lists my live sessions across tenants, marks the current one, and revokes one', async () => {
    const me = await account();
    const second = (await login(t, me.email)).body as TokenPair;
    const list = await t.request('GET', '/v1/auth/sessions', { auth: { bearer: second.access_token } });
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([second.session_id, me.session_id]);
    expect(list.body.items[0]).toMatchObject({ current: true, auth_methods: ['pwd'] });
    expect(list.body.items[1].current).toBe(false);
    const revoked = await t.request('DELETE', `/v1/auth/sessions/${me.session_id}`, {
      auth: { bearer: second.access_token },
    });
    expect(revoked.status).toBe(204);
    expect((await t.request('GET', '/v1/auth/me', { auth: { bearer: me.access_token } })).status).toBe(401);
    const again = await t.request('DELETE', `/v1/auth/sessions/${me.session_id}`, {
      auth: { bearer: second.access_token },
    });
    expect(again.status).toBe(404);
  });

  it("cannot revoke another user's session (404)", async () => {
    const a = await account();
    const b = await account();
    const res = await t.request('DELETE', `/v1/auth/sessions/${a.session_id}`, { auth: { bearer: b.access_token } });
    expect(res.status).toBe(404);
    expect((await t.request('GET', '/v1/auth/me', { auth: { bearer: a.access_token } })).status).toBe(200);
  });

  it('admin lists a user’s sessions in the tenant and signs them out everywhere there', async () => {
    const address = email();
    const user = await t.request('POST', '/v1/users', { auth: { apiKey }, body: { email: address } });
    await t.request('POST', `/v1/users/${user.body.id}/password`, { auth: { apiKey }, body: { password: PASSWORD } });
    const s1 = (await login(t, address)).body as TokenPair;
    const s2 = (await login(t, address)).body as TokenPair;
    const list = await t.request('GET', `/v1/users/${user.body.id}/sessions`, { auth: { apiKey } });
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id).sort()).toEqual([s1.session_id, s2.session_id].sort());
    const out = await t.request('POST', `/v1/users/${user.body.id}/sessions/revoke-all`, { auth: { apiKey } });
    expect(out.body).toEqual({ revoked: 2 });
    for (const s of [s1, s2]) {
      const res = await t.request('POST', '/v1/auth/refresh', { auth: null, body: { refresh_token: s.refresh_token } });
      expect(res.status).toBe(401);
    }
    expect((await t.request('GET', `/v1/users/${user.body.id}/sessions`, { auth: { apiKey } })).body.items).toEqual([]);
  });

  it('switch-tenant re-issues a pair for a tenant the user belongs to, and refuses others with 403', async () => {
    const me = await account();
    const created = await t.request('POST', '/v1/tenants', {
      auth: { bearer: me.access_token },
      body: { name: 'Team' },
    });
    expect(created.status).toBe(201);
    const switched = await t.request('POST', '/v1/auth/switch-tenant', {
      auth: { bearer: me.access_token },
      body: { tenant_id: created.body.id },
    });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({ tenant_id: created.body.id, user_id: me.user_id });
    expect(switched.body.session_id).not.toBe(me.session_id);
    const whoami = await t.request('GET', '/v1/auth/me', { auth: { bearer: switched.body.access_token } });
    expect(whoami.body.tenant_id).toBe(created.body.id);
    const foreign = await createTenantWithKey(t, 'Not mine');
    const refused = await t.request('POST', '/v1/auth/switch-tenant', {
      auth: { bearer: me.access_token },
      body: { tenant_id: foreign.tenantId },
    });
    expect(refused.status).toBe(403);
  });

  it('honours a tenant reuse window: a replay within it is answered, not punished', async () => {
    const me = await account();
    const put = await t.request('PUT', `/v1/tenants/${me.tenant_id}/auth-policy`, {
      auth: { bearer: me.access_token },
      body: { refresh_reuse_window_seconds: 30 },
    });
    expect(put.status).toBe(200);
    const first = await t.request('POST', '/v1/auth/refresh', {
      auth: null,
      body: { refresh_token: me.refresh_token },
    });
    const replay = await t.request('POST', '/v1/auth/refresh', {
      auth: null,
      body: { refresh_token: me.refresh_token },
    });
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(replay.body.session_id).toBe(me.session_id);
  });
});

describe('personal access tokens', () => {
  it('creates an expiring, scoped token shown once; it works as Bearer until revoked', async () => {
    const me = await account();
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const created = await t.request('POST', '/v1/auth/tokens', {
      auth: { bearer: me.access_token },
      body: { name: 'cli', scopes: ['tenants:read'], expires_at: expiresAt },
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^qp_[0-9a-z]{12}\.[A-Za-z0-9_-]{43}$/);
    const rows = await t.db.unscopedQuery('select * from personal_access_tokens');
    expect(JSON.stringify(rows)).not.toContain(created.body.token.split('.')[1]);
    const me2 = await t.request('GET', '/v1/auth/me', { auth: { bearer: created.body.token } });
    expect(me2.body).toMatchObject({ auth_method: 'personal_access_token', scopes: ['tenants:read'] });
    expect(
      (await t.request('GET', `/v1/tenants/${me.tenant_id}`, { auth: { bearer: created.body.token } })).status,
    ).toBe(200);
    expect((await t.request('GET', '/v1/users', { auth: { bearer: created.body.token } })).status).toBe(403);
    const list = await t.request('GET', '/v1/auth/tokens', { auth: { bearer: me.access_token } });
    expect(list.body.items).toEqual([expect.objectContaining({ id: created.body.id, name: 'cli' })]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect(
      (await t.request('DELETE', `/v1/auth/tokens/${created.body.id}`, { auth: { bearer: me.access_token } })).status,
    ).toBe(204);
    expect((await t.request('GET', '/v1/auth/me', { auth: { bearer: created.body.token } })).status).toBe(401);
    const audit = await t.request('GET', `/v1/tenants/${me.tenant_id}/audit?action=personal_access_token.created`, {
      auth: { bearer: me.access_token },
    });
    expect(audit.body.items).toHaveLength(1);
  });

  it('refuses a lifetime beyond the policy, a past expiry, and scopes beyond the caller', async () => {
    const me = await account();
    const post = (body: unknown) => t.request('POST', '/v1/auth/tokens', { auth: { bearer: me.access_token }, body });
    const far = await post({ name: 'x', expires_at: new Date(Date.now() + 91 * 86_400_000).toISOString() });
    expect(far.status).toBe(422);
    expect(far.body.error.fields[0]).toMatchObject({ field: 'expires_at', code: 'too_far' });
    const past = await post({ name: 'x', expires_at: new Date(Date.now() - 1000).toISOString() });
    expect(past.body.error.fields[0].code).toBe('in_past');
    const none = await post({ name: 'x' });
    expect(none.status).toBe(422);
    const narrow = await post({
      name: 'n',
      scopes: ['users:read'],
      expires_at: new Date(Date.now() + 60_000).toISOString(),
    });
    const wider = await t.request('POST', '/v1/auth/tokens', {
      auth: { bearer: narrow.body.token },
      body: { name: 'w', scopes: ['users:write'], expires_at: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(wider.status).toBe(422);
    expect(wider.body.error.fields[0].code).toBe('exceeds_caller');
  });

  it('refuses API keys (the tokens are a user’s)', async () => {
    const res = await t.request('GET', '/v1/auth/tokens', { auth: { apiKey } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_auth_scheme');
  });
});

describe('passwords', () => {
  it('changes my password with the current one; other sessions end, this one stays', async () => {
    const me = await account();
    const other = (await login(t, me.email)).body as TokenPair;
    expect((await t.request('GET', '/v1/auth/password', { auth: { bearer: me.access_token } })).body.has_password).toBe(
      true,
    );
    const wrong = await t.request('POST', '/v1/auth/password', {
      auth: { bearer: me.access_token },
      body: { current_password: 'not it at all', new_password: 'a brand new passphrase 8' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('step_up_required');
    const missing = await t.request('POST', '/v1/auth/password', {
      auth: { bearer: me.access_token },
      body: { new_password: 'a brand new passphrase 8' },
    });
    expect(missing.status).toBe(403);
    const weak = await t.request('POST', '/v1/auth/password', {
      auth: { bearer: me.access_token },
      body: { current_password: PASSWORD, new_password: 'qwertyuiop' },
    });
    expect(weak.status).toBe(422);
    expect(weak.body.error.fields[0]).toMatchObject({ field: 'new_password', code: 'password_breached' });
    const ok = await t.request('POST', '/v1/auth/password', {
      auth: { bearer: me.access_token },
      body: { current_password: PASSWORD, new_password: 'a brand new passphrase 8' },
    });
    expect(ok.status).toBe(204);
    expect((await t.request('GET', '/v1/auth/me', { auth: { bearer: me.access_token } })).status).toBe(200);
    expect((await t.request('GET', '/v1/auth/me', { auth: { bearer: other.access_token } })).status).toBe(401);
    expect((await login(t, me.email)).status).toBe(401);
    expect((await login(t, me.email, 'a brand new passphrase 8')).status).toBe(200);
  });

  it('forgot-password answers the same for known and unknown emails; the reset link works once', async () => {
    const me = await account();
    const known = await t.request('POST', '/v1/auth/forgot-password', { auth: null, body: { email: me.email } });
    const unknown = await t.request('POST', '/v1/auth/forgot-password', {
      auth: null,
      body: { email: `ghost-${Date.now()}@flows.test` },
    });
    expect([known.status, unknown.status]).toEqual([200, 200]);
    expect(known.body).toEqual(unknown.body);
    const token = tokenIn((await lastMessage(t, me.email, 'password_reset')).body);
    const weak = await t.request('POST', '/v1/auth/reset-password', {
      auth: null,
      body: { token, new_password: 'short' },
    });
    expect(weak.status).toBe(422);
    const reset = await t.request('POST', '/v1/auth/reset-password', {
      auth: null,
      body: { token, new_password: 'the reset passphrase 99' },
    });
    expect(reset.status).toBe(204);
    expect((await t.request('GET', '/v1/auth/me', { auth: { bearer: me.access_token } })).status).toBe(401);
    expect((await login(t, me.email, 'the reset passphrase 99')).status).toBe(200);
    const reused = await t.request('POST', '/v1/auth/reset-password', {
      auth: null,
      body: { token, new_password: 'yet another passphrase 1' },
    });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('auth.token_invalid');
  });

  it('an expired reset token is refused', async () => {
    const me = await account();
    await t.request('POST', '/v1/auth/forgot-password', { auth: null, body: { email: me.email } });
    const token = tokenIn((await lastMessage(t, me.email, 'password_reset')).body);
    await t.db.unscopedQuery(
      `update one_time_tokens set expires_at = now() - interval '1 second' where purpose = 'password_reset'`,
    );
    const res = await t.request('POST', '/v1/auth/reset-password', {
      auth: null,
      body: { token, new_password: 'the reset passphrase 99' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('auth.token_invalid');
  });
});

describe('passwordless sign-in', () => {
  it('a magic link signs in once and marks the email verified', async () => {
    const me = await account();
    const start = await t.request('POST', '/v1/auth/magic-link/start', { auth: null, body: { email: me.email } });
    expect(start.body).toEqual({ accepted: true });
    const token = tokenIn((await lastMessage(t, me.email, 'magic_link')).body);
    const pair = await t.request('POST', '/v1/auth/magic-link/consume', { auth: null, body: { token } });
    expect(pair.status).toBe(200);
    expect(pair.body).toMatchObject({ user_id: me.user_id, tenant_id: me.tenant_id });
    const user = await t.request('GET', `/v1/users/${me.user_id}`, { auth: { bearer: pair.body.access_token } });
    expect(user.body.email_verified).toBe(true);
    const again = await t.request('POST', '/v1/auth/magic-link/consume', { auth: null, body: { token } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('auth.token_invalid');
  });

  it('an email code signs in; wrong codes count and the code dies after 5 tries', async () => {
    const me = await account();
    await t.request('POST', '/v1/auth/email-otp/start', { auth: null, body: { email: me.email } });
    const code = codeIn((await lastMessage(t, me.email, 'email_otp')).subject);
    const wrongCode = code === '000000' ? '111111' : '000000';
    const wrong = await t.request('POST', '/v1/auth/email-otp/verify', {
      auth: null,
      body: { email: me.email, code: wrongCode },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('auth.code_invalid');
    const ok = await t.request('POST', '/v1/auth/email-otp/verify', { auth: null, body: { email: me.email, code } });
    expect(ok.status).toBe(200);
    expect(ok.body.user_id).toBe(me.user_id);
    const reused = await t.request('POST', '/v1/auth/email-otp/verify', {
      auth: null,
      body: { email: me.email, code },
    });
    expect(reused.status).toBe(400);

    await t.request('POST', '/v1/auth/email-otp/start', { auth: null, body: { email: me.email } });
    const code2 = codeIn((await lastMessage(t, me.email, 'email_otp')).subject);
    const wrong2 = code2 === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await t.request('POST', '/v1/auth/email-otp/verify', { auth: null, body: { email: me.email, code: wrong2 } });
    }
    const late = await t.request('POST', '/v1/auth/email-otp/verify', {
      auth: null,
      body: { email: me.email, code: code2 },
    });
    expect(late.status).toBe(400);
  });

  it('answers the start calls alike for unknown emails, and the tenant policy can forbid a method', async () => {
    const ghost = await t.request('POST', '/v1/auth/magic-link/start', {
      auth: null,
      body: { email: `ghost-${Date.now()}@flows.test` },
    });
    expect(ghost.body).toEqual({ accepted: true });
    const me = await account();
    await t.request('PUT', `/v1/tenants/${me.tenant_id}/auth-policy`, {
      auth: { bearer: me.access_token },
      body: { login_methods: ['password'] },
    });
    await t.request('POST', '/v1/auth/magic-link/start', { auth: null, body: { email: me.email } });
    const token = tokenIn((await lastMessage(t, me.email, 'magic_link')).body);
    const refused = await t.request('POST', '/v1/auth/magic-link/consume', { auth: null, body: { token } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('auth.method_not_allowed');
    await t.request('PUT', `/v1/tenants/${me.tenant_id}/auth-policy`, {
      auth: { bearer: me.access_token },
      body: { login_methods: ['magic_link'] },
    });
    const noPassword = await login(t, me.email);
    expect(noPassword.status).toBe(403);
    expect(noPassword.body.error.code).toBe('auth.method_not_allowed');
  });
});

describe('email and phone verification', () => {
  it('confirms the email and the phone with the codes sent to them', async () => {
    const address = email();
    const user = await t.request('POST', '/v1/users', {
      auth: { apiKey },
      body: { email: address, phone: '+15551234567' },
    });
    expect((await t.request('POST', `/v1/users/${user.body.id}/verify/email/start`, { auth: { apiKey } })).status).toBe(
      202,
    );
    const code = codeIn((await lastMessage(t, address, 'email_verify')).subject);
    const bad = await t.request('POST', `/v1/users/${user.body.id}/verify/email/confirm`, {
      auth: { apiKey },
      body: { code: code === '000000' ? '111111' : '000000' },
    });
    expect(bad.status).toBe(400);
    const ok = await t.request('POST', `/v1/users/${user.body.id}/verify/email/confirm`, {
      auth: { apiKey },
      body: { code },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.email_verified).toBe(true);

    expect((await t.request('POST', `/v1/users/${user.body.id}/verify/phone/start`, { auth: { apiKey } })).status).toBe(
      202,
    );
    const sms = await lastMessage(t, '+15551234567', 'phone_verify');
    expect(sms.channel).toBe('sms');
    const phone = await t.request('POST', `/v1/users/${user.body.id}/verify/phone/confirm`, {
      auth: { apiKey },
      body: { code: codeIn(sms.body) },
    });
    expect(phone.body.phone_verified).toBe(true);
  });

  it('a code sent to an address that has since changed is refused; no phone is 409', async () => {
    const address = email();
    const user = await t.request('POST', '/v1/users', { auth: { apiKey }, body: { email: address } });
    await t.request('POST', `/v1/users/${user.body.id}/verify/email/start`, { auth: { apiKey } });
    const code = codeIn((await lastMessage(t, address, 'email_verify')).subject);
    await t.request('PATCH', `/v1/users/${user.body.id}`, { auth: { apiKey }, body: { email: email() } });
    const res = await t.request('POST', `/v1/users/${user.body.id}/verify/email/confirm`, {
      auth: { apiKey },
      body: { code },
    });
    expect(res.status).toBe(400);
    expect((await t.request('POST', `/v1/users/${user.body.id}/verify/phone/start`, { auth: { apiKey } })).status).toBe(
      409,
    );
  });
});

describe('auth policy', () => {
  it('serves defaults, replaces the whole policy, and applies token lifetimes to new sessions', async () => {
    const me = await account();
    const path = `/v1/tenants/${me.tenant_id}/auth-policy`;
    const auth = { bearer: me.access_token };
    expect((await t.request('GET', path, { auth })).body).toEqual({
      password_min_length: 10,
      password_breach_check: 'offline',
      login_methods: ['password', 'magic_link', 'email_otp', 'passkey'],
      access_token_ttl_seconds: 900,
      session_ttl_seconds: 2592000,
      refresh_reuse_window_seconds: 0,
      pat_max_ttl_days: 90,
    });
    const put = await t.request('PUT', path, {
      auth,
      body: { access_token_ttl_seconds: 120, password_min_length: 16 },
    });
    expect(put.body).toMatchObject({ access_token_ttl_seconds: 120, password_min_length: 16, pat_max_ttl_days: 90 });
    const pair = (await login(t, me.email)).body as TokenPair;
    const [, payload] = pair.access_token.split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(120);
    const replaced = await t.request('PUT', path, { auth, body: { password_min_length: 12 } });
    expect(replaced.body.access_token_ttl_seconds).toBe(900);
  });

  it('refuses online breach checks when no range API is configured, and bad values', async () => {
    const me = await account();
    const path = `/v1/tenants/${me.tenant_id}/auth-policy`;
    const online = await t.request('PUT', path, {
      auth: { bearer: me.access_token },
      body: { password_breach_check: 'online' },
    });
    expect(online.status).toBe(422);
    expect(online.body.error.fields[0]).toMatchObject({ field: 'password_breach_check', code: 'not_configured' });
    const bad = await t.request('PUT', path, {
      auth: { bearer: me.access_token },
      body: { access_token_ttl_seconds: 999999, login_methods: [] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'access_token_ttl_seconds',
      'login_methods',
    ]);
  });

  it('a member without admin rights cannot change it', async () => {
    const address = email();
    const user = await t.request('POST', '/v1/users', { auth: { apiKey }, body: { email: address } });
    await t.request('POST', `/v1/users/${user.body.id}/password`, { auth: { apiKey }, body: { password: PASSWORD } });
    const member = (await login(t, address)).body as TokenPair;
    const res = await t.request('PUT', `/v1/tenants/${t.tenantId}/auth-policy`, {
      auth: { bearer: member.access_token },
      body: {},
    });
    expect(res.status).toBe(403);
  });
});
