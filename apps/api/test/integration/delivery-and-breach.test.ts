import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness.ts';

/**
 * The real outside edges, run locally: an SMTP server (smtp-server) receiving what nodemailer
 * sends when QEETID_SMTP_URL is set, and an HTTP server answering k-anonymity range queries
 * like a breached-password service.
 */
const received: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let smtpPort: number;

const rangeRequests: string[] = [];
let rangeBody = new Map<string, string>();
let rangeStatus = 200;
let range: Server;
let rangePort: number;

let t: TestApp;
const PASSWORD = 'a long and unusual passphrase 7';
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex').toUpperCase();

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (d) => {
        raw += d;
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  range = createServer((req, res) => {
    rangeRequests.push(req.url ?? '');
    const prefix = (req.url ?? '').split('/').pop() ?? '';
    res.writeHead(rangeStatus, { 'content-type': 'text/plain' });
    res.end(rangeBody.get(prefix) ?? '0000000000000000000000000000000000A:0\r\n');
  });
  await new Promise<void>((resolve) => range.listen(0, '127.0.0.1', resolve));
  rangePort = (range.address() as AddressInfo).port;

  t = await startTestApp({
    env: {
      QEETID_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      QEETID_BREACHED_PASSWORDS_URL: `http://127.0.0.1:${rangePort}/range/`,
    },
  });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => range.close(() => resolve()));
});

describe('SMTP delivery (QEETID_SMTP_URL)', () => {
  it('sends the reset email through the SMTP server instead of the outbox', async () => {
    const email = `smtp-${Date.now()}@delivery.test`;
    const signup = await t.request('POST', '/v1/auth/signup', { auth: null, body: { email, password: PASSWORD } });
    expect(signup.status).toBe(201);
    const res = await t.request('POST', '/v1/auth/forgot-password', { auth: null, body: { email } });
    expect(res.status).toBe(200);
    const mail = received.find((m) => m.to.includes(email));
    expect(mail?.raw).toMatch(/Subject: Reset your password/);
    expect(mail?.raw).toMatch(/ql_[A-Za-z0-9_-]{43}/);
    expect(await t.db.unscopedQuery('select 1 from message_outbox where recipient = $1', [email])).toEqual([]);
  });
});

describe('online breached-password check (k-anonymity range API)', () => {
  let bearer: string;
  let tenant: string;
  beforeAll(async () => {
    const signup = await t.request('POST', '/v1/auth/signup', {
      auth: null,
      body: { email: `range-${Date.now()}@delivery.test`, password: PASSWORD },
    });
    bearer = signup.body.access_token;
    tenant = signup.body.tenant_id;
    const put = await t.request('PUT', `/v1/tenants/${tenant}/auth-policy`, {
      auth: { bearer },
      body: { password_breach_check: 'online' },
    });
    expect(put.status).toBe(200);
  });

  async function setUserPassword(password: string) {
    const user = await t.request('POST', '/v1/users', {
      auth: { bearer },
      body: { email: `u-${Date.now()}-${Math.random()}@delivery.test` },
    });
    return t.request('POST', `/v1/users/${user.body.id}/password`, { auth: { bearer }, body: { password } });
  }

  it('refuses a password whose hash suffix the range lists, sending only the 5-character prefix', async () => {
    const leaked = 'quite unusual but leaked 31337';
    const digest = sha1(leaked);
    rangeBody = new Map([[digest.slice(0, 5), `${digest.slice(5)}:42\r\nABCDEF0123456789ABCDEF0123456789ABC:0\r\n`]]);
    rangeRequests.length = 0;
    const res = await setUserPassword(leaked);
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0]).toMatchObject({ field: 'password', code: 'password_breached' });
    expect(rangeRequests).toEqual([`/range/${digest.slice(0, 5)}`]);
  });

  it('accepts a password the range does not list (or lists with count 0)', async () => {
    const fine = 'quite unusual and never leaked 4242';
    const digest = sha1(fine);
    rangeBody = new Map([[digest.slice(0, 5), `${digest.slice(5)}:0\r\n`]]);
    expect((await setUserPassword(fine)).status).toBe(204);
  });

  it('falls back to the offline list when the range service fails', async () => {
    rangeStatus = 503;
    rangeRequests.length = 0;
    try {
      const unusual = 'another unusual passphrase 777';
      expect((await setUserPassword(unusual)).status).toBe(204);
      // The failing service was asked and did not block the change.
      expect(rangeRequests).toEqual([`/range/${sha1(unusual).slice(0, 5)}`]);
      // The offline list still applies (it is checked before the range service).
      expect((await setUserPassword('password123')).status).toBe(422);
    } finally {
      rangeStatus = 200;
    }
  });
});
