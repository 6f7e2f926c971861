// A throwaway HTTP server on a free loopback port, and an ES256 key that signs tokens like the server's.
import { createServer } from 'node:http';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';

/** `handler(req, res, hit)` answers each request; `hits` counts them. */
export async function serve(handler) {
  const state = { hits: 0 };
  const server = createServer((req, res) => {
    state.hits++;
    handler(req, res, state.hits);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    state,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

export async function signingKey() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    kid,
    jwk: { ...jwk, kid, alg: 'ES256', use: 'sig' },
    sign: (claims, issuer, audience) =>
      new SignJWT({
        user_id: 'usr_1',
        tenant_id: 'ten_1',
        session_id: 'ses_1',
        ...claims,
      })
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey),
  };
}
