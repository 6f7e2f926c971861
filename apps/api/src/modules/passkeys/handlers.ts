import type { AppHandlers } from '../../handlers.ts';
import { pathId } from '../../http/path-id.ts';
import { passkeyDemoPage } from './demo-page.ts';
import { toPasskey } from './mapper.ts';
import * as passkeys from './service.ts';
import { completePasskeyLogin, completePasskeySignup } from './sign-in.ts';

export const passkeyHandlers = {
  beginPasskeySignup: async ({ body }, ctx) => ({ status: 200, body: await passkeys.beginSignup(ctx, body) }),
  finishPasskeySignup: async ({ body }, ctx) => ({
    status: 201,
    body: await completePasskeySignup(ctx, body.credential, body.name),
  }),
  beginPasskeyLogin: async ({ body }, ctx) => ({ status: 200, body: await passkeys.beginLogin(ctx, body?.email) }),
  finishPasskeyLogin: async ({ body }, ctx) => ({
    status: 200,
    body: await completePasskeyLogin(ctx, body.credential),
  }),
  listPasskeys: async (_req, ctx) => ({
    status: 200,
    body: { items: (await passkeys.listPasskeys(ctx)).map(toPasskey) },
  }),
  beginPasskeyRegistration: async (_req, ctx) => ({ status: 200, body: await passkeys.beginRegistration(ctx) }),
  finishPasskeyRegistration: async ({ body }, ctx) => ({
    status: 201,
    body: toPasskey(await passkeys.finishRegistration(ctx, body.credential, body.name)),
  }),
  renamePasskey: async ({ path, body }, ctx) => ({
    status: 200,
    body: toPasskey(await passkeys.renamePasskey(ctx, pathId('passkey', path.id, 'passkey'), body.name)),
  }),
  deletePasskey: async ({ path }, ctx) => {
    await passkeys.deletePasskey(ctx, pathId('passkey', path.id, 'passkey'));
    return { status: 204, body: undefined };
  },
  createWebauthnStepUpChallenge: async (_req, ctx) => ({ status: 200, body: await passkeys.beginStepUp(ctx) }),
  verifyWebauthnStepUp: async ({ body }, ctx) => ({
    status: 200,
    body: await passkeys.finishStepUp(ctx, body.credential),
  }),
  getPasskeyDemoPage: async () => passkeyDemoPage(),
} satisfies Partial<AppHandlers>;
