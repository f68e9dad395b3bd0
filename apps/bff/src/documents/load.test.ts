import { loadYaml } from "@palisade/calico";
import { MAX_DOCUMENTS } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { HttpError } from "../errors";
import { loadDocuments } from "./load";

const policy = (i: number, action = "Allow") => `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: p-${i}
spec:
  order: ${1000 + i}
  selector: app == 'a${i}'
  types: [Ingress]
  ingress:
    - action: ${action}
`;

const refusal = async (text: string): Promise<HttpError> => {
  const err = await loadDocuments(text).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof HttpError)) throw new Error(`expected an HttpError, got ${String(err)}`);
  return err;
};

describe("loadDocuments on many documents", () => {
  it("names the document, line and column of a problem far into the input, as when loaded whole", async () => {
    const docs = Array.from({ length: 120 }, (_, i) => policy(i, i === 97 ? "Alow" : "Allow"));
    const text = `# a comment before the first document\n---\n${docs.join("---\n")}`;
    const err = await refusal(text);
    expect(err.code).toBe("InvalidDocuments");
    const line = text.split("\n").findIndex((l) => l.includes("action: Alow")) + 1;
    expect(err.details).toEqual([
      expect.objectContaining({ document: 97, path: "spec.ingress[0].action", line, column: 15 }),
    ]);
    const brokenText = `${docs.slice(0, 80).join("---\n")}---\nkind: [\n`;
    const broken = await refusal(brokenText);
    expect(broken.code).toBe("MalformedYaml");
    const whole = loadYaml(brokenText).errors[0];
    expect(broken.details?.[0]).toMatchObject({ line: whole?.line, column: whole?.column, message: whole?.message });
    const loaded = await loadDocuments(docs.slice(0, 60).join("---\n"));
    expect(loaded.map((d) => [d.index, d.line])).toEqual(docs.slice(0, 60).map((_, i) => [i, i * 11 + 1]));
  }, 30_000);

  it(`refuses more than ${MAX_DOCUMENTS} documents with a 413 naming the limit, as separate documents or a List`, async () => {
    const many = Array.from({ length: MAX_DOCUMENTS + 1 }, (_, i) => policy(i)).join("---\n");
    const err = await refusal(many);
    expect(err.statusCode).toBe(413);
    expect(err.message).toMatch(new RegExp(`at most ${MAX_DOCUMENTS} are accepted`));
    expect(err.details).toEqual([{ path: "yaml", message: `at most ${MAX_DOCUMENTS} documents per request` }]);
    const items = Array.from(
      { length: MAX_DOCUMENTS + 1 },
      (_, i) => `  - {kind: Tier, apiVersion: projectcalico.org/v3, metadata: {name: t${i}}, spec: {order: ${i}}}`,
    );
    const list = await refusal(`apiVersion: v1\nkind: List\nitems:\n${items.join("\n")}\n`);
    expect(list.statusCode).toBe(413);
    expect(await loadDocuments(many.slice(0, many.lastIndexOf("---\n")))).toHaveLength(MAX_DOCUMENTS);
  }, 30_000);

  it("gives the event loop turns while it loads and validates", async () => {
    let turns = 0;
    let loading = true;
    const spin = () => {
      if (!loading) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    const loaded = await loadDocuments(Array.from({ length: 200 }, (_, i) => policy(i)).join("---\n"));
    loading = false;
    expect(loaded).toHaveLength(200);
    // Loaded in one go, the other work waiting on the event loop would get no turn at all until the end.
    expect(turns).toBeGreaterThanOrEqual(200 / 25);
  });
});
