import { encodeId, newId, type PasskeySignupBegin, type WebauthnCredentialJson } from '@qeetid/contract';
import type { PasskeyRow, TenantRepos } from '@qeetid/db';
import { type Ctx, scopeOf } from '../../http/context.ts';
import { ApiError, conflictOnUnique } from '../../http/errors.ts';
import { type Account, accountOf, accountScope } from '../mfa/account.ts';
import { recordStepUp, requireStepUp, stepUpStatus } from '../mfa/step-up.ts';
import { normalizeEmail } from '../users/service.ts';
import { authenticatorName } from './aaguid-names.ts';
import { recordPasskeyUse, verifyPasskeyAssertion } from './assertion.ts';
import { creationOptions, requestOptions, type VerifiedRegistration, verifyRegistration } from './ceremony.ts';
import { issueChallenge, takeChallenge } from './challenges.ts';
import { userHandleOf } from './user-handle.ts';

/** A user holds at most this many passkeys (the list is not paginated). */
export const MAX_PASSKEYS = 50;

const passkeyTarget = (id: string) => ({ type: 'passkey', id: encodeId('passkey', id) });

/** Stores a verified credential for a user; a credential id already registered is a conflict. */
async function storePasskey(
  r: TenantRepos,
  userId: string,
  verified: VerifiedRegistration,
  name: string | undefined,
  now: Date,
): Promise<PasskeyRow> {
  const id = newId('passkey');
  const row = await r.passkeys.insert({
    id: id.uuid,
    userId,
    credentialId: verified.credentialId,
    publicKey: verified.publicKey,
    signCount: verified.signCount,
    transports: verified.transports,
    aaguid: verified.aaguid,
    attestationFormat: verified.attestationFormat,
    backupEligible: verified.backupEligible,
    backupState: verified.backupState,
    name: name ?? authenticatorName(verified.aaguid) ?? 'Passkey',
    createdAt: now,
  });
  await r.audit.append({
    action: 'passkey.registered',
    target: passkeyTarget(id.uuid),
    metadata: {
      user_id: encodeId('user', userId),
      aaguid: verified.aaguid,
      attestation_format: verified.attestationFormat,
      backup_eligible: verified.backupEligible,
    },
  });
  return row;
}

// ── Signup ────────────────────────────────────────────────────────────────────────────────────

export async function beginSignup(ctx: Ctx, input: PasskeySignupBegin) {
  const email = normalizeEmail(input.email);
  if (await ctx.db.platformRead((p) => p.emailTaken(email))) {
    throw new ApiError('conflict', 'a user with this email already exists; sign in instead');
  }
  // The account's id is fixed now: it is the user handle the new passkey stores.
  const user = newId('user');
  const challenge = await issueChallenge(
    ctx.db,
    'signup',
    { payload: { email: input.email, display_name: input.display_name ?? null, user_id: user.uuid } },
    new Date(),
  );
  const options = await creationOptions(
    ctx.config.webauthn,
    { handle: userHandleOf(user.uuid), name: input.email, displayName: input.display_name ?? input.email },
    challenge,
    [],
  );
  return { options };
}

export interface SignupPayload {
  email: string;
  display_name: string | null;
  user_id: string;
}

/** Verifies a signup attestation; the account is created by the caller with the result. */
export async function verifySignup(ctx: Ctx, credential: WebauthnCredentialJson) {
  const challenge = await takeChallenge(ctx.db, credential.response.clientDataJSON, 'signup', new Date());
  const verified = await verifyRegistration(ctx.config.webauthn, credential, challenge.challenge);
  return { verified, payload: challenge.payload as unknown as SignupPayload };
}

/** The account of a passkey-first signup inside the new tenant's transaction: user, membership, passkey. */
export async function createPasskeyAccount(
  r: TenantRepos,
  signup: { verified: VerifiedRegistration; payload: SignupPayload },
  name: string | undefined,
  now: Date,
): Promise<void> {
  const { payload } = signup;
  await r.users.insert({
    id: payload.user_id,
    email: payload.email,
    emailNormalized: normalizeEmail(payload.email),
    displayName: payload.display_name,
    createdAt: now,
    updatedAt: now,
  });
  await r.memberships.add(payload.user_id, 'owner', now);
  await r.audit.append({
    action: 'user.created',
    target: { type: 'user', id: encodeId('user', payload.user_id) },
    metadata: { signup: true, method: 'passkey' },
  });
  await r.audit.append({
    action: 'member.added',
    target: { type: 'user', id: encodeId('user', payload.user_id) },
    metadata: { role: 'owner' },
  });
  await storePasskey(r, payload.user_id, signup.verified, name, now);
}

// ── Sign-in ───────────────────────────────────────────────────────────────────────────────────

export async function beginLogin(ctx: Ctx, email: string | undefined) {
  const user = email ? await ctx.db.platformRead((p) => p.activeUserByEmail(normalizeEmail(email))) : undefined;
  const passkeys = user
    ? await ctx.db.withTenant(scopeOf(ctx, user.tenantId), (r) => r.passkeys.listOfUser(user.id))
    : [];
  // An unknown email, or one without passkeys, gets the usernameless options: nothing is revealed.
  const bound = passkeys.length ? user : undefined;
  const challenge = await issueChallenge(ctx.db, 'login', { tenantId: bound?.tenantId, userId: bound?.id }, new Date());
  return { options: await requestOptions(ctx.config.webauthn, challenge, passkeys) };
}

/** Verifies a sign-in assertion; the caller stores the use and opens the session. */
export async function verifyLogin(ctx: Ctx, credential: WebauthnCredentialJson) {
  return verifyPasskeyAssertion(ctx, credential, 'login', new Date());
}

// ── Managing my passkeys ──────────────────────────────────────────────────────────────────────

export async function listPasskeys(ctx: Ctx): Promise<PasskeyRow[]> {
  const account = await accountOf(ctx);
  return ctx.db.withTenant(accountScope(ctx, account), (r) => r.passkeys.listOfUser(account.userId));
}

export async function beginRegistration(ctx: Ctx) {
  const account = await accountOf(ctx);
  const existing = await ctx.db.withTenant(accountScope(ctx, account), (r) => r.passkeys.listOfUser(account.userId));
  if (existing.length >= MAX_PASSKEYS) {
    throw new ApiError('conflict', `you have ${MAX_PASSKEYS} passkeys already; delete one first`);
  }
  const challenge = await issueChallenge(
    ctx.db,
    'register',
    { tenantId: account.tenantId, userId: account.userId },
    new Date(),
  );
  const options = await creationOptions(
    ctx.config.webauthn,
    { handle: userHandleOf(account.userId), name: account.email, displayName: account.displayName ?? account.email },
    challenge,
    existing,
  );
  return { options };
}

export async function finishRegistration(ctx: Ctx, credential: WebauthnCredentialJson, name: string | undefined) {
  const account = await accountOf(ctx);
  const now = new Date();
  const challenge = await takeChallenge(ctx.db, credential.response.clientDataJSON, 'register', now);
  if (challenge.userId !== account.userId) {
    throw new ApiError('webauthn.challenge_invalid', 'this challenge was issued to another account');
  }
  let verified: VerifiedRegistration;
  try {
    verified = await verifyRegistration(ctx.config.webauthn, credential, challenge.challenge);
  } catch (error) {
    if (error instanceof ApiError) {
      await ctx.db.withTenant(accountScope(ctx, account), async (r) =>
        r.audit.append({
          action: 'passkey.registration_failed',
          target: { type: 'user', id: encodeId('user', account.userId) },
          metadata: { code: error.code },
        }),
      );
    }
    throw error;
  }
  return conflictOnUnique(
    ctx.db.withTenant(accountScope(ctx, account), (r) => storePasskey(r, account.userId, verified, name, now)),
    'this passkey is already registered',
  );
}

export async function renamePasskey(ctx: Ctx, id: string, name: string): Promise<PasskeyRow> {
  const account = await accountOf(ctx);
  return ctx.db.withTenant(accountScope(ctx, account), async (r) => {
    const row = await r.passkeys.rename(account.userId, id, name);
    if (!row) throw ApiError.notFound('passkey', encodeId('passkey', id));
    await r.audit.append({ action: 'passkey.renamed', target: passkeyTarget(id), metadata: { name } });
    return row;
  });
}

/**
 * Whether the account keeps a credential of its own besides this passkey: another of its
 * passkeys or a password. Without one, deleting it would leave only email codes between the user
 * and a lockout.
 */
async function keepsAnotherCredential(r: TenantRepos, account: Account, others: PasskeyRow[]): Promise<boolean> {
  return others.length > 0 || (await r.passwords.get(account.userId)) !== undefined;
}

export async function deletePasskey(ctx: Ctx, id: string): Promise<void> {
  const account = await accountOf(ctx);
  await ctx.db.withTenant(accountScope(ctx, account), async (r) => {
    const all = await r.passkeys.listOfUser(account.userId);
    if (!all.some((p) => p.id === id)) throw ApiError.notFound('passkey', encodeId('passkey', id));
    await requireStepUp(r, account, new Date());
    if (
      !(await keepsAnotherCredential(
        r,
        account,
        all.filter((p) => p.id !== id),
      ))
    ) {
      throw new ApiError('conflict', 'this is your last way to sign in; add another passkey or a password first');
    }
    await r.passkeys.remove(account.userId, id);
    await r.audit.append({ action: 'passkey.deleted', target: passkeyTarget(id) });
  });
}

// ── Passkey as a step-up factor ───────────────────────────────────────────────────────────────

export async function beginStepUp(ctx: Ctx) {
  const account = await accountOf(ctx);
  const passkeys = await ctx.db.withTenant(accountScope(ctx, account), (r) => r.passkeys.listOfUser(account.userId));
  if (!passkeys.length) throw new ApiError('not_found', 'you have no passkey to verify with');
  const challenge = await issueChallenge(
    ctx.db,
    'step_up',
    { tenantId: account.tenantId, userId: account.userId },
    new Date(),
  );
  return { options: await requestOptions(ctx.config.webauthn, challenge, passkeys) };
}

export async function finishStepUp(ctx: Ctx, credential: WebauthnCredentialJson) {
  const account = await accountOf(ctx);
  const now = new Date();
  const verified = await verifyPasskeyAssertion(ctx, credential, 'step_up', now);
  if (verified.user.id !== account.userId) {
    throw new ApiError('webauthn.credential_mismatch', 'this passkey belongs to another account');
  }
  return ctx.db.withTenant(accountScope(ctx, account), async (r) => {
    await recordPasskeyUse(r, verified, now);
    await recordStepUp(r, account, 'webauthn', now);
    await r.audit.append({
      action: 'mfa.step_up_verified',
      target: { type: 'user', id: encodeId('user', account.userId) },
      metadata: { method: 'webauthn', passkey_id: encodeId('passkey', verified.passkey.id) },
    });
    return stepUpStatus(r, account, now);
  });
}
