import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";

/** Content codings the BFF serves, best first; `identity` is always acceptable unless refused. */
export type ContentCoding = "br" | "gzip" | "identity";

/**
 * Picks the response coding for an `Accept-Encoding` header (RFC 9110 section 12.5.3): the best coding the client
 * accepts with a non-zero quality, Brotli before gzip at equal quality, `identity` when nothing else is accepted.
 * `*` stands for every coding the header does not name.
 */
export function negotiateCoding(header: string | undefined): ContentCoding {
  if (header === undefined) return "identity";
  const quality = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    if (name === "") continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split("=");
      if (key === "q" && value !== undefined) q = Number.parseFloat(value);
    }
    quality.set(name, Number.isFinite(q) ? q : 0);
  }
  const wildcard = quality.get("*");
  const q = (coding: ContentCoding) => quality.get(coding) ?? (coding === "identity" ? undefined : wildcard) ?? 0;
  const best = (["br", "gzip"] as const).reduce<ContentCoding | undefined>(
    (acc, coding) => (q(coding) > 0 && (acc === undefined || q(coding) > q(acc)) ? coding : acc),
    undefined,
  );
  return best ?? "identity";
}

/** Bodies smaller than this go uncompressed: the coding would cost more than it saves. */
const COMPRESS_FROM_BYTES = 1024;

const compressors: Record<Exclude<ContentCoding, "identity">, (body: Buffer) => Promise<Buffer>> = {
  gzip: (body) => promisify(gzip)(body),
  // Quality 5 compresses a 1 MB policy list in tens of milliseconds, smaller than gzip's best; the default (11)
  // takes seconds, paid again on every cache change.
  br: (body) =>
    promisify(brotliCompress)(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
};

/** One view serialised once, with its entity tag and each coding compressed once, on first demand. */
interface Representation {
  readonly body: Buffer;
  readonly tag: string;
  readonly coded: Map<ContentCoding, Promise<Buffer>>;
}

const representations = new WeakMap<object, Representation>();

function representationOf(reply: FastifyReply, view: object): Representation {
  let rep = representations.get(view);
  if (rep === undefined) {
    // The route's response schema serialises it, exactly as for any other reply.
    const serialised = reply.serialize(view);
    const body = typeof serialised === "string" ? Buffer.from(serialised) : Buffer.from(new Uint8Array(serialised));
    const tag = createHash("sha256").update(body).digest("base64url").slice(0, 27);
    rep = { body, tag, coded: new Map() };
    representations.set(view, rep);
  }
  return rep;
}

function encoded(rep: Representation, coding: ContentCoding): Promise<Buffer> {
  if (coding === "identity") return Promise.resolve(rep.body);
  let pending = rep.coded.get(coding);
  if (pending === undefined) {
    pending = compressors[coding](rep.body);
    rep.coded.set(coding, pending);
    // A failed compression is not remembered: the next request tries again.
    pending.catch(() => rep.coded.delete(coding));
  }
  return pending;
}

/** Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 section 13.1.2 asks for GET). */
function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === "*" || t === etag);
}

/**
 * Sends a whole-cluster view that is memoised per cache generation (`views/memo.ts`), so that many clients reading
 * the same state cost one serialisation and one compression per coding, not one per request: a 2,000-policy list is
 * about 1 MB of JSON and 30 KB of Brotli (docs/performance.md). The view object is the cache key, so the bytes live
 * exactly as long as the memoised view. Answers with an entity tag per coding and `Cache-Control: private, no-cache`,
 * so a browser revalidates each time and gets `304 Not Modified` while the cluster has not changed.
 */
export async function sendView(req: FastifyRequest, reply: FastifyReply, view: object): Promise<FastifyReply> {
  const rep = representationOf(reply, view);
  const coding = rep.body.length < COMPRESS_FROM_BYTES ? "identity" : negotiateCoding(req.headers["accept-encoding"]);
  const etag = coding === "identity" ? `"${rep.tag}"` : `"${rep.tag}-${coding}"`;
  reply.header("vary", "accept-encoding").header("etag", etag).header("cache-control", "private, no-cache");
  if (notModified(req.headers["if-none-match"], etag)) return reply.code(304).send();
  const bytes = await encoded(rep, coding);
  if (coding !== "identity") reply.header("content-encoding", coding);
  return reply.type("application/json; charset=utf-8").send(bytes);
}
