import { resolve } from 'node:path';
import { z } from 'zod';
import { parseMasterKey } from './crypto/key-provider.ts';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every variable is documented in the README's configuration table. */
const env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  QEETID_DATA_DIR: z.string().min(1).default('./.qeetid'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  QEETID_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(4),
  QEETID_ISSUER: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  QEETID_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  QEETID_ADMIN_EMAIL: z.email().default('admin@qeetid.localhost'),
  QEETID_TRUST_PROXY: booleanFlag.default(false),
  QEETID_RP_ID: z
    .string()
    .regex(/^[a-z0-9.-]+$/, 'must be a bare host name such as example.com (no scheme, port or path)')
    .optional(),
  QEETID_RP_NAME: z.string().min(1).max(100).default('Qeet ID'),
  QEETID_ORIGINS: z
    .string()
    .transform((v) => v.split(',').map((o) => o.trim().replace(/\/$/, '')))
    .pipe(z.array(z.url({ protocol: /^https?$/ })).min(1))
    .optional(),
  // Sessions and tokens
  QEETID_AUDIENCE: z.string().min(1).optional(),
  QEETID_MASTER_KEY: z
    .string()
    .refine((v) => parseMasterKey(v) !== null, 'must be 32 bytes as base64url/base64 or 64 hex digits')
    .optional(),
  QEETID_KEY_REFRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  QEETID_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  QEETID_MAIL_FROM: z.string().min(3).default('Qeet ID <no-reply@qeetid.localhost>'),
  QEETID_BREACHED_PASSWORDS_URL: z.url().optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Connections this process keeps to the PostgreSQL server of `databaseUrl`. */
  dbPoolSize: number;
  issuer: string;
  logLevel: z.infer<typeof env>['LOG_LEVEL'];
  bodyLimit: number;
  adminEmail: string;
  trustProxy: boolean;
  /** WebAuthn relying party: its id (a registrable domain), display name and accepted origins. */
  webauthn: { rpId: string; rpName: string; origins: string[] };
  /** `aud` of the access tokens we issue and accept; defaults to the issuer. */
  audience: string;
  masterKey: Buffer | undefined;
  keyRefreshSeconds: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Base URL of a k-anonymity range API (`<url>/<first 5 hex of SHA-1>`); unset = no online check. */
  breachedPasswordsUrl: string | undefined;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`DATABASE_URL=` in a compose file) means "not set".
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = env.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
    throw new Error(`invalid configuration:\n  ${problems}`);
  }
  const e = parsed.data;
  const issuer = (e.QEETID_ISSUER ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const webauthn = {
    rpId: e.QEETID_RP_ID ?? new URL(issuer).hostname,
    rpName: e.QEETID_RP_NAME,
    origins: e.QEETID_ORIGINS ?? [new URL(issuer).origin],
  };
  // WebAuthn L3 §5.1.4.1 / HTML "is a registrable domain suffix": the RP ID must be each origin's
  // host or a parent domain of it, or browsers refuse every ceremony.
  const outside = webauthn.origins.filter((o) => {
    const host = new URL(o).hostname;
    return host !== webauthn.rpId && !host.endsWith(`.${webauthn.rpId}`);
  });
  if (outside.length) {
    throw new Error(
      `invalid configuration:\n  QEETID_ORIGINS: ${outside.join(', ')} not under QEETID_RP_ID ${webauthn.rpId}`,
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.QEETID_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    dbPoolSize: e.QEETID_DB_POOL_SIZE,
    issuer,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.QEETID_BODY_LIMIT,
    adminEmail: e.QEETID_ADMIN_EMAIL,
    trustProxy: e.QEETID_TRUST_PROXY,
    webauthn,
    audience: e.QEETID_AUDIENCE ?? issuer,
    masterKey: e.QEETID_MASTER_KEY ? (parseMasterKey(e.QEETID_MASTER_KEY) ?? undefined) : undefined,
    keyRefreshSeconds: e.QEETID_KEY_REFRESH_SECONDS,
    smtpUrl: e.QEETID_SMTP_URL,
    mailFrom: e.QEETID_MAIL_FROM,
    breachedPasswordsUrl: e.QEETID_BREACHED_PASSWORDS_URL?.replace(/\/$/, ''),
  };
}
