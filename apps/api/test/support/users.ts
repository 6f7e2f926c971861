import { decodeId } from '@qeetid/contract';
import { mintToken } from '../../src/crypto/opaque-token.ts';
import type { Auth, TestApp } from '../harness.ts';
import { SoftwareAuthenticator } from './authenticator.ts';

export const ORIGIN = 'http://localhost:4000';

/** A new member of the bootstrap tenant with a personal access token of their own. */
export async function newUser(t: TestApp, email: string): Promise<{ id: string; email: string; auth: Auth }> {
  const user = await t.request('POST', '/v1/users', { body: { email } });
  if (user.status !== 201) throw new Error(`createUser: ${user.status} ${JSON.stringify(user.body)}`);
  const minted = mintToken('qp');
  await t.db.unscopedQuery(
    `insert into personal_access_tokens (tenant_id, id, user_id, name, prefix, secret_hash, scopes, created_at)
     values ($1, gen_random_uuid(), $2, 'test', $3, $4, '{*}', now())`,
    [decodeId('tenant', t.tenantId), decodeId('user', user.body.id), minted.prefix, minted.secretHash],
  );
  return { id: user.body.id, email, auth: { bearer: minted.token } };
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
