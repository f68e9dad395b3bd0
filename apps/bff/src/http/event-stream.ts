import type { FastifyReply, FastifyRequest } from "fastify";

const HEARTBEAT_MS = 15_000;

/**
 * Turns the reply into a Server-Sent Events stream: `send(event, data)` writes one message (`event:` and a JSON
 * `data:` line), a comment every 15 s keeps proxies from closing it, and `onClose` runs once when the browser leaves.
 * A HEAD gets the headers and nothing else (nothing would ever flush them, so it would hang until the client gave
 * up): then there is no stream and the result is undefined.
 */
export function openEventStream(
  req: FastifyRequest,
  reply: FastifyReply,
  onClose: () => void,
): ((event: string, data: unknown) => void) | undefined {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
    "x-content-type-options": "nosniff",
    "x-accel-buffering": "no",
  });
  if (req.method === "HEAD") {
    res.end();
    return undefined;
  }
  const heartbeat = setInterval(() => res.write(": ping\n\n"), HEARTBEAT_MS);
  heartbeat.unref();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    onClose();
  };
  req.raw.on("close", close);
  res.on("close", close);
  return (event, data) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
}
