import { decodeId, type IdKind } from '@qeetid/contract';
import { ApiError } from './errors.ts';

/** The UUID behind a path id; a malformed one is simply not found (`what` names it in the 404). */
export function pathId(kind: IdKind, value: string, what: string): string {
  const id = decodeId(kind, value);
  if (!id) throw ApiError.notFound(what, value);
  return id;
}
