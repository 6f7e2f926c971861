import { decodeId } from '@qeetid/contract';
import type { AppHandlers } from '../../handlers.ts';
import { ApiError } from '../../http/errors.ts';
import { userIdOf } from '../users/handlers.ts';
import { completeMfaLogin, createMfaChallenge } from './login.ts';
import * as otp from './otp-factors.ts';
import * as mfa from './service.ts';

function factorId(id: string): string {
  const uuid = decodeId('otpFactor', id);
  if (!uuid) throw ApiError.notFound('factor', id);
  return uuid;
}

export const mfaHandlers = {
  createMfaChallenge: async ({ body }, ctx) => ({ status: 200, body: await createMfaChallenge(ctx, body) }),
  completeMfaLogin: async ({ body }, ctx) => ({ status: 200, body: await completeMfaLogin(ctx, body) }),
  getTotpStatus: async (_req, ctx) => ({ status: 200, body: await mfa.totpStatus(ctx) }),
  disableTotp: async (_req, ctx) => {
    await mfa.disableTotp(ctx);
    return { status: 204, body: undefined };
  },
  startTotpEnrollment: async (_req, ctx) => ({ status: 200, body: await mfa.startTotpEnrollment(ctx) }),
  confirmTotpEnrollment: async ({ body }, ctx) => ({
    status: 200,
    body: await mfa.confirmTotpEnrollment(ctx, body.code),
  }),
  verifyTotp: async ({ body }, ctx) => ({ status: 200, body: await mfa.verifyTotp(ctx, body.code) }),
  listOtpFactors: async (_req, ctx) => ({ status: 200, body: { items: await otp.listFactors(ctx) } }),
  addOtpFactor: async ({ body }, ctx) => ({ status: 201, body: await otp.addFactor(ctx, body) }),
  deleteOtpFactor: async ({ path }, ctx) => {
    await otp.deleteFactor(ctx, factorId(path.id));
    return { status: 204, body: undefined };
  },
  sendOtpChallenge: async ({ path }, ctx) => ({ status: 200, body: await otp.sendCode(ctx, factorId(path.id)) }),
  confirmOtpFactor: async ({ path, body }, ctx) => ({
    status: 200,
    body: await otp.confirmFactor(ctx, factorId(path.id), body.code),
  }),
  getRecoveryCodeStatus: async (_req, ctx) => ({ status: 200, body: await mfa.recoveryCodeStatus(ctx) }),
  regenerateRecoveryCodes: async (_req, ctx) => ({ status: 200, body: await mfa.regenerateRecoveryCodes(ctx) }),
  getStepUpStatus: async (_req, ctx) => ({ status: 200, body: await mfa.getStepUpStatus(ctx) }),
  resetUserMfa: async ({ path }, ctx) => {
    await mfa.resetUserMfa(ctx, userIdOf(path.id));
    return { status: 204, body: undefined };
  },
  setUserMfaRequired: async ({ path, body }, ctx) => ({
    status: 200,
    body: await mfa.setUserMfaRequired(ctx, userIdOf(path.id), body.required),
  }),
  getSecurityPolicy: async (_req, ctx) => ({ status: 200, body: await mfa.getSecurityPolicy(ctx) }),
  putSecurityPolicy: async ({ body }, ctx) => ({ status: 200, body: await mfa.putSecurityPolicy(ctx, body) }),
} satisfies Partial<AppHandlers>;
