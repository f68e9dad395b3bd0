/**
 * SHA-224 (FIPS 180-4: SHA-256's compression with its own initial values, truncated to 28 bytes) in plain
 * TypeScript. Selector unique ids need it synchronously, in Node and in the browser, where WebCrypto is async only.
 */

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const SHA224_IV = [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4];

/** Message schedule, reused by every call: digests run synchronously, one at a time. */
const W = new Int32Array(64);
const H = new Int32Array(8);

/**
 * The 28-byte SHA-224 digest of `data`. Arithmetic stays in int32 (`| 0`) so that V8 keeps every word in a register
 * instead of boxing values above 2^30. Words are read straight from the input, the padding (0x80, zeros, the bit
 * length) is produced on the fly for the last one or two blocks, and the schedule is one shared buffer, so a digest
 * allocates only its result: selector unique ids are computed for every policy and rule (docs/calico-semantics.md
 * section 1), and this was most of the cost of canonicalising a selector (docs/performance.md).
 */
export function sha224(data: Uint8Array): Uint8Array {
  const length = data.length;
  const blocks = ((length + 8) >> 6) + 1;
  H.set(SHA224_IV);
  for (let block = 0; block < blocks; block++) {
    const base = block << 6;
    for (let t = 0; t < 16; t++) {
      const at = base + (t << 2);
      W[t] =
        at + 4 <= length
          ? ((data[at] as number) << 24) |
            ((data[at + 1] as number) << 16) |
            ((data[at + 2] as number) << 8) |
            (data[at + 3] as number)
          : tailWord(data, length, blocks, at);
    }
    compress();
  }
  const out = new Uint8Array(28);
  for (let i = 0; i < 7; i++) {
    const word = H[i] as number;
    out[i << 2] = word >>> 24;
    out[(i << 2) + 1] = word >>> 16;
    out[(i << 2) + 2] = word >>> 8;
    out[(i << 2) + 3] = word;
  }
  return out;
}

/** The big-endian word at byte `offset` of the padded message past the data's last whole word (FIPS 180-4 5.1.1). */
function tailWord(data: Uint8Array, length: number, blocks: number, offset: number): number {
  const end = blocks << 6;
  // The 64-bit length in bits: high word, then low word.
  if (offset === end - 8) return Math.floor(length / 0x2000_0000) | 0;
  if (offset === end - 4) return (length << 3) | 0;
  let word = 0;
  for (let i = 0; i < 4; i++) {
    const at = offset + i;
    const byte = at < length ? (data[at] as number) : at === length ? 0x80 : 0;
    word = (word << 8) | byte;
  }
  return word;
}

/** One block of SHA-256's compression on `H`, with `W[0..15]` holding the block. */
function compress(): void {
  for (let t = 16; t < 64; t++) {
    const w15 = W[t - 15] as number;
    const w2 = W[t - 2] as number;
    const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
    const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
    W[t] = ((W[t - 16] as number) + s0 + (W[t - 7] as number) + s1) | 0;
  }
  let a = H[0] as number;
  let b = H[1] as number;
  let c = H[2] as number;
  let d = H[3] as number;
  let e = H[4] as number;
  let f = H[5] as number;
  let g = H[6] as number;
  let hh = H[7] as number;
  for (let t = 0; t < 64; t++) {
    const t1 =
      (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + (K[t] as number) + (W[t] as number)) | 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = ((H[0] as number) + a) | 0;
  H[1] = ((H[1] as number) + b) | 0;
  H[2] = ((H[2] as number) + c) | 0;
  H[3] = ((H[3] as number) + d) | 0;
  H[4] = ((H[4] as number) + e) | 0;
  H[5] = ((H[5] as number) + f) | 0;
  H[6] = ((H[6] as number) + g) | 0;
  H[7] = ((H[7] as number) + hh) | 0;
}

function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

/** UTF-8 bytes of a string, as Go sees it; lone surrogates become U+FFFD as in `TextEncoder`. */
export function utf8(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 3);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    } else {
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 63);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return out.subarray(0, n);
}

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const B64URL_CODES = Array.from(B64URL, (ch) => ch.charCodeAt(0));

/** Base64 with the URL-safe alphabet and no padding (Go's `base64.RawURLEncoding`). */
export function base64UrlNoPad(bytes: Uint8Array): string {
  const codes: number[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const n = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    codes.push(B64URL_CODES[(n >> 18) & 63] as number, B64URL_CODES[(n >> 12) & 63] as number);
    if (b1 !== undefined) codes.push(B64URL_CODES[(n >> 6) & 63] as number);
    if (b2 !== undefined) codes.push(B64URL_CODES[n & 63] as number);
  }
  return String.fromCharCode(...codes);
}

/**
 * `hash.MakeUniqueID(prefix, content)` (libcalico-go/lib/hash/unique_id.go): `prefix + ":" +
 * base64url_nopad(SHA-224(prefix + ":" + content))`. Selectors use prefix `s` (docs/calico-semantics.md section 1).
 */
export function makeUniqueId(prefix: string, content: string): string {
  const input = `${prefix}:${content}`;
  let id = uniqueIds.get(input);
  if (id === undefined) {
    id = `${prefix}:${base64UrlNoPad(sha224(utf8(input)))}`;
    if (uniqueIds.size >= UNIQUE_ID_CACHE_SIZE) uniqueIds.clear();
    uniqueIds.set(input, id);
  }
  return id;
}

/**
 * Ids by hashed input: the same selectors come back again and again (policies share them, every what-if and
 * validation re-parses a policy), and the digest is most of the cost of a selector's unique id. Bounded: emptied
 * when full, which costs only the re-hashing.
 */
const uniqueIds = new Map<string, string>();
const UNIQUE_ID_CACHE_SIZE = 20_000;
