import { hash } from '@node-rs/argon2';
import { ARGON2_OPTIONS } from '../../apps/api/src/crypto/passwords.ts';
import { median } from './stats.ts';

/**
 * CPU milliseconds of one argon2id hash with the server's parameters (user + system of this
 * process, which includes libuv's pool threads): on a shared machine wall time would count the
 * waits for other jobs too. Median of 20, after one to warm up.
 */
export async function argon2Millis(): Promise<number> {
  await hash('warm up', ARGON2_OPTIONS);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const before = process.cpuUsage();
    await hash(`password ${i}`, ARGON2_OPTIONS);
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
  }
  return median(times);
}
