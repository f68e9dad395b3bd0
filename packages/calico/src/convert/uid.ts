/**
 * UID mapping between `crd.projectcalico.org/v1` CRs and the v3 objects they store (docs/calico-semantics.md §3,
 * `conversion.ConvertUID`): every byte's bits are reversed except the UUID version and variant bytes, so the
 * v3 UID differs from the CR's and the mapping is its own inverse.
 */

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Byte 6 holds the version nibble and byte 8 the variant bits. */
const KEPT_BYTES = new Set([6, 8]);

function reverseBits(b: number): number {
  let out = 0;
  for (let i = 0; i < 8; i++) out |= ((b >> i) & 1) << (7 - i);
  return out;
}

/** The mapped UID, or undefined when `uid` is not a UUID. */
export function convertUid(uid: string): string | undefined {
  if (!UUID.test(uid)) return undefined;
  const hex = uid.replaceAll("-", "").toLowerCase();
  const bytes: number[] = [];
  for (let i = 0; i < 16; i++) {
    const b = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    bytes.push(KEPT_BYTES.has(i) ? b : reverseBits(b));
  }
  const h = bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
