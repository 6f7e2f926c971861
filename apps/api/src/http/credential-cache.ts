import { type ChangeFeed, EVERY_TENANT } from '@qeetid/db';

/** At most this many credentials are held; the oldest entry goes first. */
const MAX_ENTRIES = 10_000;

/**
 * Opaque credentials (API keys, personal access tokens) as last read from the database, by
 * prefix, so a request with a known credential needs no query. An entry goes as soon as the
 * change feed announces its tenant: at once for changes this process commits, within the
 * notification delay for changes other replicas commit. While the feed is not live nothing is
 * served from here. Secret, revocation and expiry are still checked on every request.
 */
export class CredentialCache<Row extends { tenantId: string }> {
  private readonly rows = new Map<string, Row>();
  private readonly byTenant = new Map<string, Set<string>>();
  /** Raised by every announcement: a row read while it moved may predate the change. */
  private generation = 0;
  private readonly feed: ChangeFeed;

  constructor(feed: ChangeFeed) {
    this.feed = feed;
    feed.subscribe((tenantId) => this.drop(tenantId));
  }

  /** The cached row for `key`, else what `load` reads (kept unless a change was announced meanwhile). */
  async get(key: string, load: () => Promise<Row | undefined>): Promise<Row | undefined> {
    if (this.feed.live) {
      const hit = this.rows.get(key);
      if (hit) return hit;
    }
    const generation = this.generation;
    const row = await load();
    if (row && this.feed.live && generation === this.generation) this.put(key, row);
    return row;
  }

  private put(key: string, row: Row): void {
    if (this.rows.size >= MAX_ENTRIES) this.forget(this.rows.keys().next().value as string);
    this.rows.set(key, row);
    let keys = this.byTenant.get(row.tenantId);
    if (!keys) {
      keys = new Set();
      this.byTenant.set(row.tenantId, keys);
    }
    keys.add(key);
  }

  private forget(key: string): void {
    const row = this.rows.get(key);
    if (!row) return;
    this.rows.delete(key);
    this.byTenant.get(row.tenantId)?.delete(key);
  }

  private drop(tenantId: string): void {
    this.generation++;
    if (tenantId === EVERY_TENANT) {
      this.rows.clear();
      this.byTenant.clear();
      return;
    }
    for (const key of this.byTenant.get(tenantId) ?? []) this.rows.delete(key);
    this.byTenant.delete(tenantId);
  }
}
