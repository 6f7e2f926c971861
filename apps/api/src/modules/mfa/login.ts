import type { MfaCompletion, MfaFactorChallenge, MfaFactorChallengeRequest, TokenPair } from '@qeetid/contract';
import type { Ctx } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';

/** Completing a sign-in with its second factor needs sessions; until they arrive this answers 503. */
const noSessions = () => new ApiError('unavailable', 'sessions are not available in this build yet');

export async function createMfaChallenge(_ctx: Ctx, _input: MfaFactorChallengeRequest): Promise<MfaFactorChallenge> {
  throw noSessions();
}

export async function completeMfaLogin(_ctx: Ctx, _input: MfaCompletion): Promise<TokenPair> {
  throw noSessions();
}
