import type { TokenPair } from '@qeetid/contract';
import { expect } from 'vitest';
import { type Auth, createMember, type TestApp } from '../harness.ts';
import { SoftwareAuthenticator } from './authenticator.ts';

export const ORIGIN = 'http://localhost:4000';

/** The password of the accounts tests sign up. */
export const PASSWORD = 'a long and unusual passphrase 7';

/** A password account of its own (personal tenant), signed up with PASSWORD: its first token pair. */
export async function signup(t: TestApp, email: string): Promise<TokenPair> {
  const res = await t.request('POST', '/v1/auth/signup', { auth: null, body: { email, password: PASSWORD } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A password sign-in (into `tenantId` when given), answered as it comes. */
export function login(t: TestApp, email: string, password = PASSWORD, tenantId?: string) {
  return t.request('POST', '/v1/auth/login', {
    auth: null,
    body: { email, password, ...(tenantId ? { tenant_id: tenantId } : {}) },
  });
}

/** A new member of the bootstrap tenant with a personal access token of their own. */
export async function newUser(t: TestApp, email: string): Promise<{ id: string; email: string; auth: Auth }> {
  const { userId, auth } = await createMember(t, 'member', email);
  return { id: userId, email, auth };
}

/** Registers a passkey for the caller through the API; returns the authenticator holding it. */
export async function addPasskey(
  t: TestApp,
  auth: Auth,
  authenticator = new SoftwareAuthenticator({ origin: ORIGIN }),
): Promise<SoftwareAuthenticator> {
  const begin = await t.request('POST', '/v1/passkeys/register/begin', { auth });
  const finish = await t.request('POST', '/v1/passkeys/register/finish', {
    auth,
    body: { credential: authenticator.create(begin.body.options) },
  });
  if (finish.status !== 201) throw new Error(`register: ${finish.status} ${JSON.stringify(finish.body)}`);
  return authenticator;
}
