import type { AppHandlers } from '../../handlers.ts';
import { pathId } from '../../http/path-id.ts';
import { completeMfaLogin, createMfaChallenge } from './login.ts';
import * as otp from './otp-factors.ts';
import * as mfa from './service.ts';

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
    await otp.deleteFactor(ctx, pathId('otpFactor', path.id, 'factor'));
    return { status: 204, body: undefined };
  },
  sendOtpChallenge: async ({ path }, ctx) => ({
    status: 200,
    body: await otp.sendCode(ctx, pathId('otpFactor', path.id, 'factor')),
  }),
  confirmOtpFactor: async ({ path, body }, ctx) => ({
    status: 200,
    body: await otp.confirmFactor(ctx, pathId('otpFactor', path.id, 'factor'), body.code),
  }),
  getRecoveryCodeStatus: async (_req, ctx) => ({ status: 200, body: await mfa.recoveryCodeStatus(ctx) }),
  regenerateRecoveryCodes: async (_req, ctx) => ({ status: 200, body: await mfa.regenerateRecoveryCodes(ctx) }),
  getStepUpStatus: async (_req, ctx) => ({ status: 200, body: await mfa.getStepUpStatus(ctx) }),
  resetUserMfa: async ({ path }, ctx) => {
    await mfa.resetUserMfa(ctx, pathId('user', path.id, 'user'));
    return { status: 204, body: undefined };
  },
  setUserMfaRequired: async ({ path, body }, ctx) => ({
    status: 200,
    body: await mfa.setUserMfaRequired(ctx, pathId('user', path.id, 'user'), body.required),
  }),
  getSecurityPolicy: async (_req, ctx) => ({ status: 200, body: await mfa.getSecurityPolicy(ctx) }),
  putSecurityPolicy: async ({ body }, ctx) => ({ status: 200, body: await mfa.putSecurityPolicy(ctx, body) }),
} satisfies Partial<AppHandlers>;
