import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

/** The channel the triggers of migration 0070 announce on; the payload is a tenant id or `*`. */
export const CHANGES_CHANNEL = 'qeet_changes';
export const EVERY_TENANT = '*';

/**
 * Committed changes that can alter what a credential may do: revocation, scopes, membership,
 * roles, groups, policies, a disabled user, a deleted tenant. Caches of such state subscribe
 * and trust what they hold only while `live` is true.
 */
export interface ChangeFeed {
  /** False while notifications from other processes could be missed. */
  readonly live: boolean;
  /** Calls `listener` with a tenant id, or `*` for every tenant; returns the unsubscribe. */
  subscribe(listener: (tenantId: string) => void): () => void;
}

export class ChangeFeedSource implements ChangeFeed {
  private readonly listeners = new Set<(tenantId: string) => void>();
  private isLive = false;
  /** Stops listening (set by the engine-specific opener). */
  close: () => Promise<void> = async () => {};

  get live(): boolean {
    return this.isLive;
  }

  subscribe(listener: (tenantId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A change committed here or announced by the database; reaches subscribers synchronously. */
  readonly announce = (tenantId: string): void => {
    for (const listener of this.listeners) listener(tenantId);
  };

  setLive(live: boolean): void {
    this.isLive = live;
    // Whatever happened while the feed was down is unknown: everything cached is suspect.
    this.announce(EVERY_TENANT);
  }
}

/** PGlite runs in this process: its notifications arrive before the committing query returns. */
export async function pgliteChangeFeed(pg: PGlite): Promise<ChangeFeedSource> {
  const feed = new ChangeFeedSource();
  const unlisten = await pg.listen(CHANGES_CHANNEL, feed.announce);
  feed.setLive(true);
  feed.close = () => unlisten();
  return feed;
}

const RELISTEN_DELAY_MS = 1_000;

/**
 * PostgreSQL: one dedicated connection LISTENs. While it is down the feed is not live (caches
 * step aside), and LISTEN is retried on a new connection until it succeeds.
 */
export async function postgresChangeFeed(url: string): Promise<ChangeFeedSource> {
  const feed = new ChangeFeedSource();
  let closing = false;
  let retry: NodeJS.Timeout | undefined;
  const again = () => {
    feed.setLive(false);
    clearTimeout(retry);
    if (!closing) retry = setTimeout(() => void listen(), RELISTEN_DELAY_MS);
  };
  // 0 turns the idle and lifetime timers off: this connection stays up for as long as it can.
  // `onnotify` is what postgres.js's own listen() uses; its types do not declare it.
  const options = {
    max: 1,
    idle_timeout: 0,
    max_lifetime: 0,
    fetch_types: false,
    onnotice: () => {},
    onnotify: (_channel: string, payload: string) => feed.announce(payload),
    onclose: again,
  };
  const client = postgres(url, options);
  const listen = async () => {
    try {
      await client.unsafe(`listen ${CHANGES_CHANNEL}`);
      feed.setLive(true);
    } catch {
      again();
    }
  };
  await listen();
  feed.close = async () => {
    closing = true;
    clearTimeout(retry);
    await client.end({ timeout: 1 });
  };
  return feed;
}
