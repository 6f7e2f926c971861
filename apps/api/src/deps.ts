import type { Database } from '@qeetid/db';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { loadMasterKey, localKeyProvider } from './crypto/key-provider.ts';
import { KeyRing } from './crypto/key-ring.ts';
import type { Deps } from './http/context.ts';
import { MAX_ACCESS_TOKEN_TTL_SECONDS } from './modules/auth-policy/policy.ts';
import { outboxSender, smtpSender } from './modules/messages/sender.ts';

/** Clock skew we allow verifiers, added to how long a retired key stays published. */
const CLOCK_SKEW_SECONDS = 60;

/** Everything handlers use besides the request: the key ring (created on first start), the mailer. */
export async function createDeps(base: { db: Database; config: Config; log: Logger }): Promise<Deps> {
  const { db, config, log } = base;
  const masterKey = await loadMasterKey(config.masterKey, config.dataDir);
  const secrets = localKeyProvider(masterKey);
  const keys = new KeyRing({
    db,
    provider: secrets,
    refreshMs: config.keyRefreshSeconds * 1000,
    retiredPublishMs: (MAX_ACCESS_TOKEN_TTL_SECONDS + config.keyRefreshSeconds + CLOCK_SKEW_SECONDS) * 1000,
  });
  await keys.init();
  const outbox = outboxSender(db, log, { printToLog: process.env.NODE_ENV !== 'production' });
  const messages = config.smtpUrl ? smtpSender(config.smtpUrl, config.mailFrom, outbox, log) : outbox;
  return { ...base, keys, messages, secrets };
}
