import type { ChangeEvent, PolicyList, ServerEvent } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";
import { publicPortPolicy } from "../testing/fixtures";

/** Reads Server-Sent Events from a stream until `until` accepts one. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  until: (e: ServerEvent) => boolean,
): Promise<ServerEvent[]> {
  const seen: ServerEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const data = buffer
        .slice(0, end)
        .split("\n")
        .find((l) => l.startsWith("data: "));
      buffer = buffer.slice(end + 2);
      if (data !== undefined) {
        const event = JSON.parse(data.slice(6)) as ServerEvent;
        seen.push(event);
        if (until(event)) return seen;
      }
      end = buffer.indexOf("\n\n");
    }
  }
  return seen;
}

describe("the event stream", () => {
  let demo: DemoHarness;
  let base: string;
  beforeAll(async () => {
    demo = await startDemo();
    await demo.app.listen({ host: "127.0.0.1", port: 0 });
    const address = demo.app.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
  });
  afterAll(async () => {
    await demo.close();
  });

  it("starts with the cluster status and delivers a change applied through Palisade", async () => {
    const abort = new AbortController();
    const res = await fetch(`${base}/api/v1/clusters/demo/events`, { signal: abort.signal });
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const body = res.body;
    if (body === null) throw new Error("no body");
    const events = readEvents(body, (e) => e.type === "change" && e.name === "sse-check");
    const applied = await fetch(`${base}/api/v1/clusters/demo/apply`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-palisade-csrf": "1" },
      body: JSON.stringify({ yaml: publicPortPolicy("sse-check") }),
    });
    expect(applied.status).toBe(200);
    const seen = await events;
    abort.abort();
    expect(seen[0]).toEqual({ type: "status", cluster: "demo", status: "ready" });
    const change = seen.at(-1) as ChangeEvent;
    expect(change).toMatchObject({ type: "change", cluster: "demo", action: "added", resource: "GlobalNetworkPolicy" });
    // The apply answered only once its own watch had seen the write: the list already shows it.
    const list = (await (await fetch(`${base}/api/v1/clusters/demo/policies`)).json()) as PolicyList;
    expect(list.items.find((p) => p.name === "sse-check")?.matched.hostEndpoints).toBe(4);
  });

  it("answers HEAD with the stream's headers and ends (nothing would flush them otherwise)", async () => {
    const res = await fetch(`${base}/api/v1/clusters/demo/events`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  });

  it("404s the stream of an unknown cluster", async () => {
    expect((await demo.app.inject({ url: "/api/v1/clusters/nope/events" })).statusCode).toBe(404);
  });
});
