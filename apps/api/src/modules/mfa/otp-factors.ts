import type { MfaEnrolled, OtpFactor, OtpFactorCreate, OtpSent } from '@qeetid/contract';
import type { Ctx } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';

/** Email/SMS code factors go through the message sender of the sessions module; until then 503. */
const noSender = () => new ApiError('unavailable', 'the message sender is not available in this build yet');

export async function listFactors(_ctx: Ctx): Promise<OtpFactor[]> {
  throw noSender();
}
export async function addFactor(_ctx: Ctx, _input: OtpFactorCreate): Promise<OtpFactor> {
  throw noSender();
}
export async function deleteFactor(_ctx: Ctx, _id: string): Promise<void> {
  throw noSender();
}
export async function sendCode(_ctx: Ctx, _id: string): Promise<OtpSent> {
  throw noSender();
}
export async function confirmFactor(_ctx: Ctx, _id: string, _code: string): Promise<MfaEnrolled> {
  throw noSender();
}
