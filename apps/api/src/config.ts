import { resolve } from 'node:path';
import { z } from 'zod';

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
  QEETID_ISSUER: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  QEETID_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  QEETID_ADMIN_EMAIL: z.email().default('admin@qeetid.localhost'),
  QEETID_TRUST_PROXY: booleanFlag.default(false),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  issuer: string;
  logLevel: z.infer<typeof env>['LOG_LEVEL'];
  bodyLimit: number;
  adminEmail: string;
  trustProxy: boolean;
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
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.QEETID_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    issuer: (e.QEETID_ISSUER ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.QEETID_BODY_LIMIT,
    adminEmail: e.QEETID_ADMIN_EMAIL,
    trustProxy: e.QEETID_TRUST_PROXY,
  };
}
