import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first row: m = 19 MiB, t = 2, p = 1
 * (RFC 9106 §4 names argon2id the default variant). The binding hashes on libuv's thread pool,
 * so the event loop keeps serving while logins hash. The binding's default algorithm is argon2id
 * (its const enum cannot be imported under verbatimModuleSyntax; passwords.test.ts checks the id).
 */
export const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * At most one hash per core at a time: libuv's pool has 4 threads, and with more hashes than
 * cores the event-loop thread would queue behind them (every other request's latency, P7).
 * Waiting hashes queue here instead, in arrival order.
 */
const slots = Math.max(1, availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  // A finished hash hands its slot straight to the next in line, so one arriving meanwhile
  // cannot take it first and run a hash more than there are cores.
  if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export const hashPassword = (password: string): Promise<string> => limited(() => hash(password, ARGON2_OPTIONS));

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await limited(() => verify(stored, password));
  } catch {
    return false; // a malformed stored hash never matches
  }
}

let dummy: Promise<string> | undefined;
/**
 * A hash of nothing anyone knows, checked when the email is unknown or has no password, so an
 * unknown account costs the same argon2 work as a wrong password (no timing oracle).
 */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummy ??= hashPassword(crypto.randomUUID());
  await verifyPassword(await dummy, password);
  return false;
}
