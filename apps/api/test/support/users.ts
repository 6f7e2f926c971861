import { type Auth, createMember, type TestApp } from '../harness.ts';
import { SoftwareAuthenticator } from './authenticator.ts';

export const ORIGIN = 'http://localhost:4000';

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
