import type { AppHandlers } from '../../handlers.ts';
import { pathId } from '../../http/path-id.ts';
import { toUser } from '../users/mapper.ts';
import * as flows from './service.ts';

const accepted = { accepted: true } as const;

export const oneTimeHandlers = {
  forgotPassword: async ({ body }, ctx) => {
    await flows.forgotPassword(ctx, body.email);
    return { status: 200, body: accepted };
  },
  resetPassword: async ({ body }, ctx) => {
    await flows.resetPassword(ctx, body);
    return { status: 204, body: undefined };
  },
  startMagicLink: async ({ body }, ctx) => {
    await flows.startMagicLink(ctx, body);
    return { status: 200, body: accepted };
  },
  consumeMagicLink: async ({ body }, ctx) => ({ status: 200, body: await flows.consumeMagicLink(ctx, body.token) }),
  startEmailOtp: async ({ body }, ctx) => {
    await flows.startEmailOtp(ctx, body);
    return { status: 200, body: accepted };
  },
  verifyEmailOtp: async ({ body }, ctx) => ({ status: 200, body: await flows.verifyEmailOtp(ctx, body) }),
  startEmailVerification: async ({ path }, ctx) => {
    await flows.startVerification(ctx, pathId('user', path.id, 'user'), 'email');
    return { status: 202, body: accepted };
  },
  confirmEmailVerification: async ({ path, body }, ctx) => ({
    status: 200,
    body: toUser(await flows.confirmVerification(ctx, pathId('user', path.id, 'user'), 'email', body.code)),
  }),
  startPhoneVerification: async ({ path }, ctx) => {
    await flows.startVerification(ctx, pathId('user', path.id, 'user'), 'phone');
    return { status: 202, body: accepted };
  },
  confirmPhoneVerification: async ({ path, body }, ctx) => ({
    status: 200,
    body: toUser(await flows.confirmVerification(ctx, pathId('user', path.id, 'user'), 'phone', body.code)),
  }),
} satisfies Partial<AppHandlers>;
