import { TypeID, typeid } from 'typeid-js';

/** Wire prefixes of our ids (CONTRACT.md "Transport"); the suffix is a TypeID-encoded UUIDv7. */
export const idPrefix = {
  tenant: 'ten',
  user: 'usr',
  apiKey: 'key',
  pat: 'pat',
  event: 'evt',
  session: 'ses',
  role: 'rol',
  group: 'grp',
  abacPolicy: 'pol',
  passkey: 'pky',
  otpFactor: 'otp',
} as const;
export type IdKind = keyof typeof idPrefix;

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A fresh, time-ordered id: the UUID for storage and its prefixed wire form. */
export function newId(kind: IdKind): { uuid: string; id: string } {
  const tid = typeid(idPrefix[kind]);
  return { uuid: tid.toUUID(), id: tid.toString() };
}

/**
 * Encoding and decoding are pure but cost microseconds each (typeid-js), and the same ids
 * (tenants, users, credentials) come back request after request: both are remembered, up to
 * this many entries each, then forgotten all at once.
 */
const MAX_REMEMBERED = 10_000;
const encoded = new Map<string, string>();
const decoded = new Map<string, string | null>();

function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= MAX_REMEMBERED) memo.clear();
  memo.set(key, value);
  return value;
}

export function encodeId(kind: IdKind, uuid: string): string {
  const key = `${idPrefix[kind]} ${uuid}`;
  return encoded.get(key) ?? remember(encoded, key, TypeID.fromUUID(idPrefix[kind], uuid).toString());
}

/** The UUID behind a wire id of this kind (or a plain UUID); null when it is neither. */
export function decodeId(kind: IdKind, value: string): string | null {
  if (uuidShape.test(value)) return value.toLowerCase();
  const key = `${idPrefix[kind]} ${value}`;
  const known = decoded.get(key);
  if (known !== undefined) return known;
  let uuid: string | null;
  try {
    uuid = TypeID.fromString(value, idPrefix[kind]).toUUID();
  } catch {
    uuid = null;
  }
  return remember(decoded, key, uuid);
}
