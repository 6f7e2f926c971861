import { ApiError } from './errors.ts';

/**
 * Opaque keyset cursors (CONTRACT.md "Lists"): the list they belong to, the tenant, and the last
 * key seen. A cursor from another list or another tenant is refused rather than misread.
 */
interface CursorState<K> {
  list: string;
  tenant: string;
  after: K;
}

export function encodeCursor<K extends string | number>(state: CursorState<K>): string {
  return Buffer.from(JSON.stringify([state.list, state.tenant, state.after])).toString('base64url');
}

export function decodeCursor<K extends string | number>(
  cursor: string | undefined,
  expected: { list: string; tenant: string; type: 'string' | 'number' },
): K | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== expected.list ||
    parsed[1] !== expected.tenant ||
    typeof parsed[2] !== expected.type
  ) {
    throw new ApiError('bad_request', 'cursor is not valid for this list; pass next_cursor from the previous page');
  }
  return parsed[2] as K;
}

/** `next_cursor` for a page: the last item's key when more follow. */
export function nextCursor<T, K extends string | number>(
  items: T[],
  more: boolean,
  list: string,
  tenant: string,
  key: (item: T) => K,
): string | null {
  const last = items.at(-1);
  return more && last !== undefined ? encodeCursor({ list, tenant, after: key(last) }) : null;
}
