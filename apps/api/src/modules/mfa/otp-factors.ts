import {
  encodeId,
  type MfaEnrolled,
  newId,
  type OtpFactor,
  type OtpFactorCreate,
  type OtpSent,
} from '@qeetid/contract';
import type { OtpFactorRow, TenantScope } from '@qeetid/db';
import { hashSecret } from '../../crypto/opaque-token.ts';
import type { Ctx } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { newCode } from '../one-time/secrets.ts';
import { assertUnderLimits, countAttempt, counters, limits } from '../rate-limit/service.ts';
import { accountOf, accountScope } from './account.ts';
import { checkCode, inTenant } from './code-check.ts';
import { checkOtpCode } from './factors.ts';
import { recoveryCodesForNewFactor } from './service.ts';
import { recordStepUp, requireStepUp } from './step-up.ts';

/** Email and SMS one-time codes: 6 digits, 10 minutes, one use, stored as a hash. */
const CODE_TTL_MS = 10 * 60_000;
const MAX_FACTORS = 5;
const E164 = /^\+[1-9][0-9]{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Destinations are shown masked: enough to recognise, not enough to harvest. */
export function maskDestination(channel: string, destination: string): string {
  if (channel === 'sms')
    return `${destination.slice(0, 2)}${'•'.repeat(Math.max(0, destination.length - 6))}${destination.slice(-4)}`;
  const [local = '', domain = ''] = destination.split('@');
  return `${local.slice(0, 1)}${'•'.repeat(Math.max(1, local.length - 1))}@${domain}`;
}

export function toOtpFactor(row: OtpFactorRow): OtpFactor {
  return {
    id: encodeId('otpFactor', row.id),
    channel: row.channel as OtpFactor['channel'],
    destination: maskDestination(row.channel, row.destination),
    confirmed: row.confirmedAt !== null,
    created_at: row.createdAt.toISOString(),
  };
}

const factorTarget = (id: string) => ({ type: 'mfa_factor', id: encodeId('otpFactor', id) });

/**
 * Sends a fresh code to a factor of the user: the code's hash and expiry are stored in one
 * transaction, then the message goes out through the sender (which keeps what it cannot send).
 * Sends are limited per account and per address like the other code flows.
 */
export async function sendOtpCode(
  ctx: Ctx,
  scope: TenantScope,
  userId: string,
  factorId: string,
  confirmedOnly: boolean,
): Promise<OtpSent> {
  const limiters = counters(limits.sendPerAccount, limits.sendPerIp, `mfa:${userId}`, ctx.ip);
  await assertUnderLimits(ctx.db, limiters);
  const code = newCode();
  const expiresAt = new Date(Date.now() + CODE_TTL_MS);
  const factor = await ctx.db.withTenant(scope, async (r) => {
    const row = await r.mfa.otpFactor(userId, factorId);
    if (!row || (confirmedOnly && !row.confirmedAt)) throw ApiError.notFound('factor', encodeId('otpFactor', factorId));
    await r.mfa.updateOtpFactor(userId, factorId, { codeHash: hashSecret(code), codeExpiresAt: expiresAt });
    await r.audit.append({
      action: 'mfa.otp_code_sent',
      target: factorTarget(factorId),
      metadata: { channel: row.channel },
    });
    return row;
  });
  await countAttempt(ctx.db, limiters);
  await ctx.messages.send({
    channel: factor.channel as 'email' | 'sms',
    to: factor.destination,
    purpose: 'mfa_code',
    subject: `Your ${ctx.config.webauthn.rpName} verification code`,
    text: `Your verification code is ${code}. It expires in 10 minutes. If you did not ask for it, ignore this message.`,
    tenantId: scope.tenantId,
  });
  return { sent_to: maskDestination(factor.channel, factor.destination), expires_at: expiresAt.toISOString() };
}

export async function listFactors(ctx: Ctx): Promise<OtpFactor[]> {
  const account = await accountOf(ctx);
  const rows = await ctx.db.withTenant(accountScope(ctx, account), (r) => r.mfa.otpFactors(account.userId));
  return rows.map(toOtpFactor);
}

export async function addFactor(ctx: Ctx, input: OtpFactorCreate): Promise<OtpFactor> {
  const valid = input.channel === 'sms' ? E164.test(input.destination) : EMAIL.test(input.destination);
  if (!valid) {
    throw ApiError.validation([
      {
        field: 'destination',
        code: input.channel === 'sms' ? 'invalid_phone' : 'invalid_email',
        message:
          input.channel === 'sms' ? 'must be an E.164 phone number such as +15551234567' : 'must be an email address',
      },
    ]);
  }
  const account = await accountOf(ctx);
  const scope = accountScope(ctx, account);
  const id = newId('otpFactor');
  const row = await ctx.db.withTenant(scope, async (r) => {
    const existing = await r.mfa.otpFactors(account.userId);
    if (existing.length >= MAX_FACTORS) throw new ApiError('conflict', `you have ${MAX_FACTORS} code factors already`);
    if (existing.some((f) => f.channel === input.channel && f.destination === input.destination)) {
      throw new ApiError('conflict', 'this destination is already a factor');
    }
    const inserted = await r.mfa.insertOtpFactor({
      id: id.uuid,
      userId: account.userId,
      channel: input.channel,
      destination: input.destination,
      createdAt: new Date(),
    });
    await r.audit.append({
      action: 'mfa.otp_factor_added',
      target: factorTarget(id.uuid),
      metadata: { channel: input.channel },
    });
    return inserted;
  });
  await sendOtpCode(ctx, scope, account.userId, id.uuid, false);
  return toOtpFactor(row);
}

export async function deleteFactor(ctx: Ctx, id: string): Promise<void> {
  const account = await accountOf(ctx);
  await ctx.db.withTenant(accountScope(ctx, account), async (r) => {
    if (!(await r.mfa.otpFactor(account.userId, id))) throw ApiError.notFound('factor', encodeId('otpFactor', id));
    await requireStepUp(r, account, new Date());
    await r.mfa.deleteOtpFactor(account.userId, id);
    await r.audit.append({ action: 'mfa.otp_factor_removed', target: factorTarget(id) });
  });
}

export async function sendCode(ctx: Ctx, id: string): Promise<OtpSent> {
  const account = await accountOf(ctx);
  return sendOtpCode(ctx, accountScope(ctx, account), account.userId, id, false);
}

export async function confirmFactor(ctx: Ctx, id: string, code: string): Promise<MfaEnrolled> {
  const account = await accountOf(ctx);
  let wasConfirmed = false;
  return checkCode(
    inTenant(ctx, accountScope(ctx, account)),
    account.userId,
    'otp',
    async (r, now) => {
      wasConfirmed = Boolean((await r.mfa.otpFactor(account.userId, id))?.confirmedAt);
      return checkOtpCode(r, account.userId, id, code, now);
    },
    async (r, now) => {
      await recordStepUp(r, account, 'otp', now);
      if (wasConfirmed) return { recovery_codes: [] };
      await r.audit.append({ action: 'mfa.otp_factor_confirmed', target: factorTarget(id) });
      return { recovery_codes: await recoveryCodesForNewFactor(r, account.userId, now) };
    },
  );
}
