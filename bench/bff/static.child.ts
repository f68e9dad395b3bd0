/**
 * Child process: the ceiling for the policy list under load. Serves the bytes of one saved response (the BFF's policy
 * list) from memory with Node's http module and nothing else: no routing, no views, no serialization; Brotli-compressed
 * once up front, at the BFF's quality, for clients that accept it, as browsers do. Prints its URL.
 * Usage: static.child.ts FILE
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, constants } from "node:zlib";

const file = process.argv[2];
if (file === undefined) throw new Error("usage: static.child.ts FILE");
const body = readFileSync(file);
const compressed = brotliCompressSync(body, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
});
const server = createServer((req, res) => {
  const br = /\bbr\b/.test(req.headers["accept-encoding"] ?? "");
  const bytes = br ? compressed : body;
  res.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    "content-length": bytes.length,
    ...(br ? { "content-encoding": "br" } : {}),
  });
  res.end(bytes);
});
server.listen(0, "127.0.0.1", () => {
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
