import { randomBytes, randomUUID } from 'node:crypto';
import { openDb } from '@qeetid/db';
import { generateKeyPair, SignJWT } from 'jose';
import { localKeyProvider } from '../../apps/api/src/crypto/key-provider.ts';
import { KeyRing } from '../../apps/api/src/crypto/key-ring.ts';
import { argon2Millis } from '../lib/argon2.ts';
import type { Benchmark } from '../lib/bench.ts';
import { fmt } from '../lib/format.ts';
import { goals, goalText, verdict } from '../lib/goals.ts';
import { interleave } from '../lib/interleave.ts';
import { median, spreadPct } from '../lib/stats.ts';

/**
 * P14: signing an access token through our key ring against jose's SignJWT with an ES256 key of
 * its own, same claims; plus the cost split of a sign-in (argon2id vs ES256).
 */
export const tokenSign: Benchmark = {
  name: 'token-sign',
  describe: 'P14: access-token signing through our key ring vs raw jose SignJWT; argon2id vs ES256 cost',
  async run(settings) {
    const db = await openDb({});
    try {
      const ring = new KeyRing({
        db,
        provider: localKeyProvider(randomBytes(32)),
        refreshMs: 60_000,
        retiredPublishMs: 3_600_000,
      });
      await ring.init();
      const { privateKey } = await generateKeyPair('ES256');
      const claims = () => {
        const now = Math.floor(Date.now() / 1000);
        return {
          iss: 'http://localhost:4000',
          aud: 'http://localhost:4000',
          sub: 'usr_01jd5f8q3ve4r9x2m6k7n8p0ab',
          iat: now,
          nbf: now,
          exp: now + 900,
          jti: randomUUID(),
          user_id: 'usr_01jd5f8q3ve4r9x2m6k7n8p0ab',
          tenant_id: 'ten_01jd5f8q3ve4r9x2m6k7n8p0ab',
          session_id: 'ses_01jd5f8q3ve4r9x2m6k7n8p0ab',
          sid: 'ses_01jd5f8q3ve4r9x2m6k7n8p0ab',
        };
      };
      const ours = () => ring.sign(claims());
      const raw = () =>
        new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'twin' }).sign(privateKey);
      const runs = await interleave([ours, raw], loop, settings);
      const [oursOps, rawOps] = runs.map((r) => median(r));
      const ratio = (oursOps as number) / (rawOps as number);
      const hashUs = (await argon2Millis()) * 1000;
      const signUs = 1e6 / (oursOps as number);
      return [
        {
          title: `P14 — ${goals.P14.what}`,
          columns: ['signer', 'tokens/s', 'spread', 'µs/token', 'ratio', 'goal (must / target)', 'verdict'],
          rows: [
            [
              'raw jose SignJWT (twin)',
              fmt.int(rawOps as number),
              fmt.pct(spreadPct(runs[1] as number[])),
              fmt.us(1e6 / (rawOps as number)),
            ],
            [
              'KeyRing.sign (ours)',
              fmt.int(oursOps as number),
              fmt.pct(spreadPct(runs[0] as number[])),
              fmt.us(signUs),
              fmt.ratio(ratio),
              goalText(goals.P14),
              verdict(goals.P14, ratio),
            ],
          ],
          notes: [
            `one core, sequential awaits, ${settings.seconds} s × ${settings.runs} runs interleaved, median; same claims (11, incl. a fresh jti)`,
            'ours: node:crypto ECDSA P-256 on the bare key over the cached header, DER turned into R‖S (ecdsa-sig-formatter); twin: jose SignJWT (WebCrypto)',
            `cost split of one password sign-in: argon2id verify ≈ ${fmt.us(hashUs)} (CPU time, median of 20 hashes) vs ES256 sign ≈ ${fmt.us(signUs)} ` +
              `(${(hashUs / signUs).toFixed(0)}×); the database part shows as API CPU/req in the sessions benchmark`,
          ],
        },
      ];
    } finally {
      await db.close();
    }
  },
};

async function loop(sign: () => Promise<string>, seconds: number): Promise<number> {
  let done = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    await sign();
    done++;
  }
  return done / ((performance.now() - started) / 1000);
}
