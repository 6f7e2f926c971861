import type { TokenPair, WebauthnCredentialJson } from '@qeetid/contract';
import type { Ctx } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { verifyLogin, verifySignup } from './service.ts';

/**
 * Passkey sign-up and sign-in end in a session. Sessions arrive with the sessions module; until
 * then the ceremonies are verified and the session step answers 503.
 */
const noSessions = () => new ApiError('unavailable', 'sessions are not available in this build yet');

export async function completePasskeySignup(
  ctx: Ctx,
  credential: WebauthnCredentialJson,
  _name: string | undefined,
): Promise<TokenPair> {
  await verifySignup(ctx, credential);
  throw noSessions();
}

export async function completePasskeyLogin(ctx: Ctx, credential: WebauthnCredentialJson): Promise<TokenPair> {
  await verifyLogin(ctx, credential);
  throw noSessions();
}
