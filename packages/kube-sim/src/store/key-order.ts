/**
 * The order of objects in a list: the API server reads them from etcd by key range (`/registry/<resource>/` plus
 * `<namespace>/<name>`, or `<name>` for cluster-scoped kinds), so items come in byte order of that key. Within one
 * resource the prefix is common, so the byte order of `<namespace>/<name>` (`/<name>` for cluster-scoped kinds) is
 * the list order. Note that `/` (0x2F) sorts after `-` (0x2D) and `.` (0x2E): namespace `a-b` lists before `a`.
 */
export function etcdKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ""}/${name}`;
}

const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;

/**
 * Byte order of the UTF-8 encodings, as Go compares strings and etcd orders keys. That is code point order, which
 * UTF-16 comparison (JavaScript's `<`) matches except where a code point above U+FFFF (a surrogate pair) meets one in
 * U+E000–U+FFFF: UTF-16 puts the pair first, UTF-8 after. `localeCompare` is a different order altogether (case and
 * punctuation are collated, and it depends on the locale).
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = isSurrogate(x);
    if (xs !== isSurrogate(y) && (x >= 0xe000 || y >= 0xe000)) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** The first index of `sorted` whose key is not before `key` (sorted.length if none). */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(sorted[mid] ?? "", key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index of `sorted` whose key is after `key` (sorted.length if none). */
export function upperBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(sorted[mid] ?? "", key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
