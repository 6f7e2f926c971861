import { createHash } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { Logger } from 'pino';
import { ApiError } from '../../http/errors.ts';
import type { AuthPolicy } from './policy.ts';

/**
 * Password rules in the spirit of NIST SP 800-63B §3.1.1.2: a minimum length, no composition
 * rules, and a check against passwords known from breaches — offline against the ~50k most common
 * ones (bundled with @zxcvbn-ts/language-common), online against a k-anonymity range API when one
 * is configured.
 */
let common: Set<string> | undefined;
const commonPasswords = () => {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
};

export interface PasswordCheckOptions {
  policy: AuthPolicy;
  /** Base URL of the range API (`QEETID_BREACHED_PASSWORDS_URL`); undefined = offline only. */
  rangeUrl: string | undefined;
  /** The request field the password came in, for the error. */
  field: string;
  email?: string;
  log: Logger;
}

export async function checkPassword(password: string, o: PasswordCheckOptions): Promise<void> {
  const reject = (code: string, message: string) => {
    throw ApiError.validation([{ field: o.field, code, message }]);
  };
  const length = [...password].length;
  if (length < o.policy.password_min_length) {
    reject('password_too_short', `must be at least ${o.policy.password_min_length} characters (policy)`);
  }
  const lowered = password.toLowerCase();
  if (o.email && (lowered === o.email.toLowerCase() || lowered === o.email.split('@')[0]?.toLowerCase())) {
    reject('password_is_email', 'must not be your email address');
  }
  if (o.policy.password_breach_check === 'off') return;
  if (commonPasswords().has(lowered)) {
    reject('password_breached', 'is one of the most common passwords found in breaches; choose another');
  }
  if (o.policy.password_breach_check === 'online' && o.rangeUrl) {
    if (await inBreachRange(password, o.rangeUrl, o.log)) {
      reject('password_breached', 'appears in a known data breach; choose another');
    }
  }
}

/**
 * k-anonymity range query: only the first 5 hex digits of the password's SHA-1 leave the server;
 * the answer lists `SUFFIX:COUNT` lines for that prefix. A failing service never blocks a
 * password change (the offline list still applied).
 */
async function inBreachRange(password: string, rangeUrl: string, log: Logger): Promise<boolean> {
  const digest = createHash('sha1').update(password).digest('hex').toUpperCase();
  const prefix = digest.slice(0, 5);
  const suffix = digest.slice(5);
  try {
    const res = await fetch(`${rangeUrl}/${prefix}`, {
      headers: { 'Add-Padding': 'true' },
      signal: AbortSignal.timeout(3000),
    });
    if (!res.ok) throw new Error(`range API answered ${res.status}`);
    for (const line of (await res.text()).split('\n')) {
      const [candidate, count] = line.trim().split(':');
      if (candidate?.toUpperCase() === suffix && Number(count) > 0) return true;
    }
    return false;
  } catch (error) {
    log.warn({ err: error }, 'breached-password range check failed; relying on the offline list');
    return false;
  }
}
