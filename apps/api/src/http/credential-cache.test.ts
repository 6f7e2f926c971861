import { ChangeFeedSource } from '@qeetid/db';
import { describe, expect, it } from 'vitest';
import { CredentialCache } from './credential-cache.ts';

const A = 'tenant-a';
const B = 'tenant-b';

function setup() {
  const feed = new ChangeFeedSource();
  feed.setLive(true);
  const cache = new CredentialCache<{ tenantId: string; n: number }>(feed);
  let loads = 0;
  const load = (tenantId: string) => async () => ({ tenantId, n: ++loads });
  return { feed, cache, load, loads: () => loads };
}

describe('CredentialCache', () => {
  it('reads a credential once, then serves it until its tenant is announced', async () => {
    const { feed, cache, load, loads } = setup();
    expect(await cache.get('qk_a', load(A))).toEqual({ tenantId: A, n: 1 });
    expect(await cache.get('qk_a', load(A))).toEqual({ tenantId: A, n: 1 });
    await cache.get('qk_b', load(B));
    expect(loads()).toBe(2);
    feed.announce(B);
    expect((await cache.get('qk_a', load(A)))?.n).toBe(1);
    expect((await cache.get('qk_b', load(B)))?.n).toBe(3);
    feed.announce(A);
    expect((await cache.get('qk_a', load(A)))?.n).toBe(4);
    feed.announce('*');
    await cache.get('qk_a', load(A));
    await cache.get('qk_b', load(B));
    expect(loads()).toBe(6);
  });

  it('serves nothing while the feed is down, and starts afresh when it is back', async () => {
    const { feed, cache, load, loads } = setup();
    await cache.get('qk_a', load(A));
    feed.setLive(false);
    await cache.get('qk_a', load(A));
    await cache.get('qk_a', load(A));
    expect(loads()).toBe(3);
    feed.setLive(true);
    await cache.get('qk_a', load(A));
    await cache.get('qk_a', load(A));
    expect(loads()).toBe(4);
  });

  it('does not keep a row read while a change was announced (it may predate the change)', async () => {
    const { feed, cache, loads } = setup();
    let n = 0;
    await cache.get('qk_a', async () => {
      feed.announce(A);
      return { tenantId: A, n: ++n };
    });
    await cache.get('qk_a', async () => ({ tenantId: A, n: ++n }));
    expect(n).toBe(2);
    expect(loads()).toBe(0);
  });

  it('keeps nothing for an unknown credential', async () => {
    const { cache } = setup();
    let reads = 0;
    const missing = async () => {
      reads++;
      return undefined;
    };
    await cache.get('qk_x', missing);
    await cache.get('qk_x', missing);
    expect(reads).toBe(2);
  });
});
