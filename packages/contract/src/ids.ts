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

export function encodeId(kind: IdKind, uuid: string): string {
  return TypeID.fromUUID(idPrefix[kind], uuid).toString();
}

const decoded = new Map<string, string | null>();
/** Decoding is pure but costs ~15 µs (typeid-js); the same ids come back request after request. */
const MAX_DECODED = 10_000;

/** The UUID behind a wire id of this kind (or a plain UUID); null when it is neither. */
export function decodeId(kind: IdKind, value: string): string | null {
  if (uuidShape.test(value)) return value.toLowerCase();
  const key = `${idPrefix[kind]} ${value}`;
  let uuid = decoded.get(key);
  if (uuid === undefined) {
    try {
      uuid = TypeID.fromString(value, idPrefix[kind]).toUUID();
    } catch {
      uuid = null;
    }
    if (decoded.size >= MAX_DECODED) decoded.clear();
    decoded.set(key, uuid);
  }
  return uuid;
}
