import type { Jwk } from '@qeetid/contract';
import type { AppHandlers } from '../../handlers.ts';
import * as keys from './service.ts';

/** Verifiers may cache the set this long; an unknown kid makes them refetch sooner. */
const JWKS_MAX_AGE_SECONDS = 300;

export const signingKeyHandlers = {
  getJwks: async (_req, ctx) => ({
    status: 200,
    body: { keys: (await ctx.keys.jwks()).keys as Jwk[] },
    headers: { 'Cache-Control': `public, max-age=${JWKS_MAX_AGE_SECONDS}` },
  }),
  listSigningKeys: async (_req, ctx) => ({
    status: 200,
    body: { items: (await keys.listKeys(ctx)).map(keys.toSigningKey) },
  }),
  rotateSigningKey: async (_req, ctx) => ({ status: 201, body: keys.toSigningKey(await keys.rotate(ctx)) }),
} satisfies Partial<AppHandlers>;
