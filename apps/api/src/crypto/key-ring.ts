import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { Database, PlatformRepos, SigningKeyRow } from '@qeetid/db';
import { derToJose } from 'ecdsa-sig-formatter';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { KeyProvider } from './key-provider.ts';

/** The JWS algorithm of every token we sign (RFC 7518 §3.4: ECDSA P-256 with SHA-256). */
export const SIGNING_ALG = 'ES256';

export interface PublicSigningKey {
  kid: string;
  jwk: JWK;
  key: KeyObject;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface SigningKeyInfo {
  kid: string;
  alg: string;
  status: 'active' | 'retired' | 'expired';
  createdAt: Date;
  retiredAt: Date | null;
  /** When a retired key leaves the JWKS; null while active. */
  publishedUntil: Date | null;
}

interface Snapshot {
  active: { kid: string; key: KeyObject; header: string };
  published: Map<string, PublicSigningKey>;
  loadedAt: number;
}

export interface KeyRingOptions {
  db: Database;
  provider: KeyProvider;
  /** How often a replica re-reads the ring, so it picks up a rotation done elsewhere. */
  refreshMs: number;
  /**
   * How long a retired key stays published: the longest access-token lifetime plus the refresh
   * interval (a replica may sign with the old key until it re-reads the ring).
   */
  retiredPublishMs: number;
  /** Lower bound between two reloads triggered by an unknown `kid`. */
  unknownKidReloadMs?: number;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * The platform's signing keys. One key signs; retired keys stay in the JWKS until every token
 * they signed has expired (CONTRACT.md "Tokens"). Private keys are stored sealed under the
 * KeyProvider and only opened in memory.
 */
export class KeyRing {
  #snapshot: Snapshot | undefined;
  #loading: Promise<Snapshot> | undefined;
  #lastUnknownKidReload = 0;
  readonly #o: Required<KeyRingOptions>;

  constructor(options: KeyRingOptions) {
    this.#o = { unknownKidReloadMs: 1_000, ...options };
  }

  /** Creates the first key on an empty ring (once across replicas) and loads the ring. */
  async init(): Promise<void> {
    await this.#o.db.platform(async (p) => {
      await p.lockSigningKeys();
      const keys = await p.publishedSigningKeys(new Date());
      if (!keys.some((k) => k.retiredAt === null)) await p.rotateSigningKey(await this.#newKey(), new Date());
    });
    await this.reload();
  }

  /**
   * A new active key; the previous one is retired and stays published. `alongside` runs last in
   * the same transaction (the audit event). Returns the new kid.
   */
  async rotate(alongside: (p: PlatformRepos, kid: string) => Promise<void>): Promise<string> {
    const key = await this.#newKey();
    await this.#o.db.platform(async (p) => {
      await p.lockSigningKeys();
      await p.rotateSigningKey(key, key.createdAt);
      await alongside(p, key.kid);
    });
    await this.reload();
    return key.kid;
  }

  async reload(): Promise<Snapshot> {
    this.#loading ??= this.#load().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  /** The current snapshot; re-read in the background once it is older than the refresh interval. */
  async #current(): Promise<Snapshot> {
    const snap = this.#snapshot;
    if (!snap) return this.reload();
    if (Date.now() - snap.loadedAt > this.#o.refreshMs) void this.reload().catch(() => {});
    return snap;
  }

  /**
   * Signs a JWT with the active key (RFC 7515 §5.1, compact serialization; the ES256 signature is
   * R ‖ S, 64 bytes, RFC 7518 §3.4). `typ` is `at+jwt` for access tokens (RFC 9068 §2.1).
   * node:crypto signs a bare KeyObject in less than half the time it takes with an options
   * object (`dsaEncoding`), so the DER signature (RFC 3279 §2.2.3) is converted instead.
   */
  async sign(claims: Record<string, unknown>): Promise<string> {
    const { active } = await this.#current();
    const input = `${active.header}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${derToJose(sign('sha256', Buffer.from(input), active.key), 'ES256')}`;
  }

  /** The public key for a `kid`; an unknown kid re-reads the ring (rate-limited) before giving up. */
  async publicKey(kid: string): Promise<KeyObject | undefined> {
    let snap = await this.#current();
    if (!snap.published.has(kid) && Date.now() - this.#lastUnknownKidReload > this.#o.unknownKidReloadMs) {
      this.#lastUnknownKidReload = Date.now();
      snap = await this.reload();
    }
    return snap.published.get(kid)?.key;
  }

  /** RFC 7517 §5 JWK Set of the published keys, active first. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const snap = await this.#current();
    return { keys: [...snap.published.values()].map((k) => k.jwk) };
  }

  async list(): Promise<SigningKeyInfo[]> {
    const now = Date.now();
    const rows = await this.#o.db.platform((p) => p.allSigningKeys());
    return rows.map((row) => {
      const until = row.retiredAt ? new Date(row.retiredAt.getTime() + this.#o.retiredPublishMs) : null;
      return {
        kid: row.kid,
        alg: row.alg,
        status: !until ? 'active' : until.getTime() > now ? 'retired' : 'expired',
        createdAt: row.createdAt,
        retiredAt: row.retiredAt,
        publishedUntil: until,
      };
    });
  }

  async #load(): Promise<Snapshot> {
    const since = new Date(Date.now() - this.#o.retiredPublishMs);
    const rows = await this.#o.db.platform((p) => p.publishedSigningKeys(since));
    const activeRow = rows.find((r) => r.retiredAt === null);
    if (!activeRow) throw new Error('the key ring has no active signing key; call init() first');
    const published = new Map<string, PublicSigningKey>();
    for (const row of rows) published.set(row.kid, publicOf(row));
    const privateDer = await this.#o.provider.open(activeRow.sealedPrivateKey, activeRow.kid);
    const snapshot: Snapshot = {
      active: {
        kid: activeRow.kid,
        key: createPrivateKey({ key: privateDer, format: 'der', type: 'pkcs8' }),
        header: b64url(JSON.stringify({ alg: SIGNING_ALG, typ: 'at+jwt', kid: activeRow.kid })),
      },
      published,
      loadedAt: Date.now(),
    };
    this.#snapshot = snapshot;
    return snapshot;
  }

  async #newKey() {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { kty, crv, x, y } = publicKey.export({ format: 'jwk' }) as Record<string, string>;
    const base = { kty, crv, x, y } as Record<string, string>;
    // RFC 7638 §3: the kid is the SHA-256 thumbprint of the required public members.
    const kid = await calculateJwkThumbprint(base as JWK, 'sha256');
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    return {
      kid,
      alg: SIGNING_ALG,
      publicJwk: { ...base, kid, alg: SIGNING_ALG, use: 'sig' },
      sealedPrivateKey: await this.#o.provider.seal(der, kid),
      createdAt: new Date(),
      retiredAt: null,
    };
  }
}

function publicOf(row: SigningKeyRow): PublicSigningKey {
  const jwk = row.publicJwk as JWK;
  return {
    kid: row.kid,
    jwk,
    key: createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' }),
    createdAt: row.createdAt,
    retiredAt: row.retiredAt,
  };
}
