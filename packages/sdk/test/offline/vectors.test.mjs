// Runs every case of packages/test-vectors/vectors.json, the file all three SDKs share.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { errorFromResponse, KeySet, QeetidError, TokenVerificationError, TokenVerifier } from '@qeetid/sdk';

const vectors = JSON.parse(readFileSync(new URL('../../../test-vectors/vectors.json', import.meta.url), 'utf8'));
const ran = [];

// The vector kinds map onto this SDK's error classes.
const classOf = {
  bad_request: 'BadRequestError',
  unauthorized: 'AuthenticationError',
  forbidden: 'PermissionDeniedError',
  not_found: 'NotFoundError',
  conflict: 'ConflictError',
  validation: 'ValidationError',
  rate_limited: 'RateLimitError',
  server: 'ServerError',
  api: 'QeetidError',
};

function verifierFor() {
  let fetches = 0;
  const keys = new KeySet(async () => ({
    jwks: fetches++ === 0 ? vectors.jwks : vectors.jwks_after_rotation,
    maxAgeMs: null,
  }));
  const v = vectors.verify;
  return new TokenVerifier(keys, {
    issuer: v.issuer,
    audience: v.audience,
    clockSkewSeconds: v.clock_skew_seconds,
    now: () => v.now * 1000,
  });
}

describe('token vectors', () => {
  for (const c of vectors.tokens) {
    test(c.name, async () => {
      const outcome = verifierFor()
        .verify(c.token)
        .then(
          (claims) => ({ claims }),
          (error) => ({ error }),
        );
      const { claims, error } = await outcome;
      if ('valid' in c.expect) {
        assert.equal(error, undefined, `expected valid, got ${error?.code}: ${error?.message}`);
        assert.deepEqual(
          { user_id: claims.userId, tenant_id: claims.tenantId, session_id: claims.sessionId, scopes: claims.scopes },
          c.expect.claims,
        );
      } else if ('error' in c.expect) {
        assert.ok(
          error instanceof TokenVerificationError,
          `expected ${c.expect.error}, got ${error ?? 'a valid token'}`,
        );
        assert.equal(error.code, c.expect.error, error.message);
        assert.equal(error.status, 401);
      } else {
        assert.fail(`unknown expectation in vector ${c.name}`);
      }
      ran.push(`tokens/${c.name}`);
    });
  }
});

describe('error vectors', () => {
  for (const c of vectors.errors) {
    test(c.name, () => {
      const error = errorFromResponse(c.status, new Headers(c.headers), c.body);
      const expected = classOf[c.expect.kind];
      assert.ok(expected, `unknown kind ${c.expect.kind}`);
      assert.ok(error instanceof QeetidError);
      assert.equal(error.constructor.name, expected);
      assert.equal(error.status, c.status);
      assert.equal(error.code, c.expect.code);
      assert.equal(error.requestId, c.expect.request_id);
      assert.equal(error.retryAfter, c.expect.retry_after);
      if (c.expect.message !== undefined) assert.equal(error.message, c.expect.message);
      if (c.expect.fields !== undefined) assert.equal(error.fields.length, c.expect.fields);
      ran.push(`errors/${c.name}`);
    });
  }
});

after(() => {
  assert.equal(ran.length, vectors.tokens.length + vectors.errors.length, 'every vector ran');
  const dir = process.env.QEETID_VECTOR_REPORT_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    appendFileSync(join(dir, 'typescript.txt'), `${ran.join('\n')}\n`);
  }
});
