/**
 * Child process: the ceiling for the policy list under load. Serves the bytes of one saved response (the BFF's policy
 * list) from memory with Node's http module and nothing else: no routing, no views, no serialization; gzipped once
 * up front for clients that accept gzip, as browsers do. Prints its URL.
 * Usage: static.child.ts FILE
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

const file = process.argv[2];
if (file === undefined) throw new Error("usage: static.child.ts FILE");
const body = readFileSync(file);
const gzipped = gzipSync(body);
const server = createServer((req, res) => {
  const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
  const bytes = gzip ? gzipped : body;
  res.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    "content-length": bytes.length,
    ...(gzip ? { "content-encoding": "gzip" } : {}),
  });
  res.end(bytes);
});
server.listen(0, "127.0.0.1", () => {
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
