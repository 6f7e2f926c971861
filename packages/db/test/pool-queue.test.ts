import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * postgres.js keeps a pool's connections in queues (its src/queue.js, patched: see
 * pnpm-workspace.yaml). A busy pool never drains its busy queue: a connection is taken with
 * shift() and put back with push(), after `remove` looked for it where it was. The storage a
 * queue searches must stay the size of what it holds, not of everything it ever held.
 */
type Queue<T> = { readonly length: number; push(x: T): T; shift(): T; remove(x: T): T | null };

async function loadQueue(): Promise<<T>() => Queue<T>> {
  const main = createRequire(import.meta.url).resolve('postgres');
  const file = join(dirname(main), '..', '..', 'src', 'queue.js');
  return ((await import(pathToFileURL(file).href)) as { default: <T>() => Queue<T> }).default;
}

/** The longest array `remove` searched while `fn` ran. */
function longestSearch(fn: () => void): number {
  const indexOf = Array.prototype.indexOf;
  let longest = 0;
  Array.prototype.indexOf = function (this: unknown[], ...args: Parameters<typeof indexOf>) {
    longest = Math.max(longest, this.length - (args[1] ?? 0));
    return indexOf.apply(this, args);
  };
  try {
    fn();
  } finally {
    Array.prototype.indexOf = indexOf;
  }
  return longest;
}

describe('postgres.js pool queue', () => {
  it('searches only what it holds while it never drains', async () => {
    const Queue = await loadQueue();
    const busy = Queue<{ id: number }>();
    const connections = [0, 1, 2, 3].map((id) => busy.push({ id }));
    const searched = longestSearch(() => {
      // What the pool does for each query while every connection is busy: take the next
      // connection, move it (remove from where it was, push), 100,000 times.
      for (let query = 0; query < 100_000; query++) {
        const c = busy.shift();
        expect(busy.remove(c)).toBeNull();
        busy.push(c);
      }
    });
    expect(busy.length).toBe(4);
    expect(searched).toBeLessThan(4096);
    // Still a queue: each holds its place, and a held one can be removed.
    expect(busy.remove(connections[2] as { id: number })).toEqual({ id: 2 });
    expect([busy.shift(), busy.shift(), busy.shift()].map((c) => c.id).sort()).toEqual([0, 1, 3]);
    expect(busy.length).toBe(0);
  });
});
