import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions, startTestApp, type TestApp } from '../harness.ts';
import { codeAt, enrollTotp } from '../support/codes.ts';
import { newUser as createUser } from '../support/users.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const newUser = (email: string) => createUser(t, email);

describe('TOTP enrollment', () => {
  it('gives a secret and otpauth URI, activates on the first code, and hands out ten recovery codes', async () => {
    const { auth } = await newUser('totp1@mfa.test');
    expect((await t.request('GET', '/v1/mfa/totp', { auth })).body).toEqual({ enrolled: false, confirmed_at: null });
    const start = await t.request('POST', '/v1/mfa/totp/enroll/start', { auth });
    expect(start.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(start.body.otpauth_uri).toMatch(/^otpauth:\/\/totp\/Qeet%20ID:totp1%40mfa\.test\?/);
    // The secret is sealed at rest, never stored in clear.
    const rows = await t.db.unscopedQuery<{ secret: string }>('select secret from mfa_totp');
    expect(JSON.stringify(rows)).not.toContain(start.body.secret);
    // Not active before it is confirmed.
    expect((await t.request('GET', '/v1/mfa/totp', { auth })).body.enrolled).toBe(false);
    const wrong = await t.request('POST', '/v1/mfa/totp/enroll/confirm', { auth, body: { code: '000000' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('mfa.code_invalid');
    const ok = await t.request('POST', '/v1/mfa/totp/enroll/confirm', {
      auth,
      body: { code: codeAt(start.body.secret, Date.now()) },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.recovery_codes).toHaveLength(10);
    expect((await t.request('GET', '/v1/mfa/totp', { auth })).body.enrolled).toBe(true);
    expect((await t.request('GET', '/v1/mfa/recovery-codes', { auth })).body).toEqual({ remaining: 10 });
    const stored = await t.db.unscopedQuery<{ code_hash: string }>('select code_hash from mfa_recovery_codes');
    expect(JSON.stringify(stored)).not.toContain(ok.body.recovery_codes[0].replace(/-/g, ''));
    const actions = await auditActions(t);
    expect(actions).toEqual(
      expect.arrayContaining(['mfa.totp_enrollment_started', 'mfa.totp_enrolled', 'mfa.recovery_codes_generated']),
    );
    // A second enrollment while one is active is a conflict.
    expect((await t.request('POST', '/v1/mfa/totp/enroll/start', { auth })).status).toBe(409);
  });

  it('accepts a code one step ahead (clock drift) and refuses one two steps behind', async () => {
    const { auth } = await newUser('totp2@mfa.test');
    const { secret } = await enrollTotp(t, auth);
    const late = await t.request('POST', '/v1/mfa/totp/verify', {
      auth,
      body: { code: codeAt(secret, Date.now() + 30_000) },
    });
    expect(late.status).toBe(200);
    const old = await t.request('POST', '/v1/mfa/totp/verify', {
      auth,
      body: { code: codeAt(secret, Date.now() - 65_000) },
    });
    expect(old.status).toBe(401);
  });

  it('refuses the same code twice (replay of a time step) with mfa.code_reused', async () => {
    const { auth } = await newUser('totp3@mfa.test');
    const { secret } = await enrollTotp(t, auth);
    const code = codeAt(secret, Date.now() + 30_000);
    expect((await t.request('POST', '/v1/mfa/totp/verify', { auth, body: { code } })).status).toBe(200);
    const replay = await t.request('POST', '/v1/mfa/totp/verify', { auth, body: { code } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('mfa.code_reused');
    // An earlier step than the last accepted one is a replay too.
    const earlier = await t.request('POST', '/v1/mfa/totp/verify', {
      auth,
      body: { code: codeAt(secret, Date.now()) },
    });
    expect(earlier.body.error.code).toBe('mfa.code_reused');
  });

  it('locks code checks with 429 and Retry-After after five wrong codes', async () => {
    const { auth } = await newUser('totp4@mfa.test');
    const { secret } = await enrollTotp(t, auth);
    for (let i = 0; i < 5; i++) {
      const res = await t.request('POST', '/v1/mfa/totp/verify', { auth, body: { code: '000000' } });
      expect(res.status).toBe(401);
    }
    const locked = await t.request('POST', '/v1/mfa/totp/verify', {
      auth,
      body: { code: codeAt(secret, Date.now() + 30_000) },
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await auditActions(t)).filter((a) => a === 'mfa.verification_failed').length).toBeGreaterThanOrEqual(5);
  });

  it.each([['12345'], ['abcdef'], ['123456789']])('refuses the malformed code %j with 422', async (code) => {
    const { auth } = await newUser(`bad${code}@mfa.test`);
    const res = await t.request('POST', '/v1/mfa/totp/verify', { auth, body: { code } });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].field).toBe('code');
  });
});

describe('step-up', () => {
  it('is open for an account with no second factor, and demands one once TOTP exists', async () => {
    const { auth } = await newUser('step1@mfa.test');
    // Nothing stronger exists: regenerate is allowed.
    expect((await t.request('POST', '/v1/mfa/recovery-codes/regenerate', { auth })).status).toBe(200);
    const { secret } = await enrollTotp(t, auth);
    // Enrollment itself verified a code: the clock is running.
    const status = await t.request('GET', '/v1/mfa/step-up/status', { auth });
    expect(status.body).toMatchObject({ fresh: true, method: 'totp', max_age_seconds: 300 });
    await t.db.unscopedQuery(`update step_up_verifications set verified_at = now() - interval '10 minutes'`);
    const stale = await t.request('POST', '/v1/mfa/recovery-codes/regenerate', { auth });
    expect(stale.status).toBe(403);
    expect(stale.body.error.code).toBe('step_up_required');
    expect(stale.body.error.step_up).toEqual({ methods: ['POST /v1/mfa/totp/verify'], max_age_seconds: 300 });
    const verified = await t.request('POST', '/v1/mfa/totp/verify', {
      auth,
      body: { code: codeAt(secret, Date.now() + 30_000) },
    });
    expect(verified.body.fresh).toBe(true);
    const regenerated = await t.request('POST', '/v1/mfa/recovery-codes/regenerate', { auth });
    expect(regenerated.status).toBe(200);
    expect(regenerated.body.recovery_codes).toHaveLength(10);
    expect(await auditActions(t)).toContain('mfa.recovery_codes_regenerated');
  });

  it('takes its freshness window from the tenant policy', async () => {
    const { auth } = await newUser('step2@mfa.test');
    await enrollTotp(t, auth);
    const put = await t.request('PUT', `/v1/tenants/${t.tenantId}/policy`, {
      body: { mfa_required: false, step_up_max_age_seconds: 30 },
    });
    expect(put.status).toBe(200);
    await t.db.unscopedQuery(`update step_up_verifications set verified_at = now() - interval '45 seconds'`);
    expect((await t.request('GET', '/v1/mfa/step-up/status', { auth })).body).toMatchObject({
      fresh: false,
      max_age_seconds: 30,
    });
    expect((await t.request('DELETE', '/v1/mfa/totp', { auth })).status).toBe(403);
    await t.request('PUT', `/v1/tenants/${t.tenantId}/policy`, {
      body: { mfa_required: false, step_up_max_age_seconds: 300 },
    });
    expect(await auditActions(t)).toContain('tenant.security_policy_updated');
  });

  it('refuses a policy window outside 30 s – 1 day with 422', async () => {
    const res = await t.request('PUT', `/v1/tenants/${t.tenantId}/policy`, {
      body: { mfa_required: false, step_up_max_age_seconds: 5 },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].field).toBe('step_up_max_age_seconds');
  });
});

describe('admin', () => {
  it('resets a user’s second factors and sets their MFA requirement, audited', async () => {
    const user = await newUser('admin1@mfa.test');
    await enrollTotp(t, user.auth);
    expect((await t.request('PUT', `/v1/users/${user.id}/mfa-required`, { body: { required: true } })).body).toEqual({
      required: true,
    });
    expect((await t.request('DELETE', `/v1/users/${user.id}/mfa`)).status).toBe(204);
    expect((await t.request('GET', '/v1/mfa/totp', { auth: user.auth })).body.enrolled).toBe(false);
    expect((await t.request('GET', '/v1/mfa/recovery-codes', { auth: user.auth })).body.remaining).toBe(0);
    expect(await auditActions(t)).toEqual(expect.arrayContaining(['mfa.reset', 'mfa.requirement_set']));
  });

  it('answers 404 for an unknown user', async () => {
    const res = await t.request('DELETE', '/v1/users/usr_01jd5f8q3ve4r9x2m6k7n8p0ab/mfa');
    expect(res.status).toBe(404);
  });
});
