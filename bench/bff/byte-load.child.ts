/**
 * Child process: the byte-reading load generator (byte-client.ts) in a process of its own, as a load generator on a
 * machine of its own would be, so the bench process's heap and timers do not add to the latencies it measures.
 * Prints one JSON line (ByteLoad).
 * Usage: byte-load.child.ts URL CONNECTIONS SECONDS [HEADERS_JSON]
 */
import { byteLoad } from "./byte-client";

const [url, connections, seconds, headers] = process.argv.slice(2);
if (url === undefined || connections === undefined || seconds === undefined) {
  throw new Error("usage: byte-load.child.ts URL CONNECTIONS SECONDS [HEADERS_JSON]");
}
const result = await byteLoad(url, {
  connections: Number(connections),
  seconds: Number(seconds),
  headers: headers === undefined ? {} : (JSON.parse(headers) as Record<string, string>),
});
console.log(JSON.stringify(result));
