import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';
import type { Auth, TestApp } from '../harness.ts';

/** What an authenticator app shows for this secret at this instant (RFC 6238 with the apps' defaults). */
export const codeAt = (secret: string, at: number) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at, algorithm: 'SHA1', digits: 6, period: 30 });

/** Enrolls an authenticator app for the caller through the API. */
export async function enrollTotp(t: TestApp, auth: Auth): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await t.request('POST', '/v1/mfa/totp/enroll/start', { auth });
  expect(start.status).toBe(200);
  const secret: string = start.body.secret;
  const confirm = await t.request('POST', '/v1/mfa/totp/enroll/confirm', {
    auth,
    body: { code: codeAt(secret, Date.now()) },
  });
  expect(confirm.status).toBe(200);
  return { secret, recoveryCodes: confirm.body.recovery_codes };
}

export interface SentMessage {
  body: string;
  channel: string;
  subject: string;
}

/** The newest message sent to an address (of one purpose, when given), from the dev outbox. */
export async function lastMessage(t: TestApp, to: string, purpose?: string): Promise<SentMessage> {
  const rows = await t.db.unscopedQuery<SentMessage>(
    `select body, channel, subject from message_outbox
     where recipient = $1 and ($2::text is null or purpose = $2) order by created_at desc limit 1`,
    [to, purpose ?? null],
  );
  expect(rows.length, `no ${purpose ?? ''} message to ${to}`).toBe(1);
  return rows[0] as SentMessage;
}

/** The six-digit code in a message. */
export const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] as string;

/** The code in the newest message sent to an address. */
export const lastCode = async (t: TestApp, to: string) => codeIn((await lastMessage(t, to)).body);
