import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateCommand } from "./validate";

const dir = mkdtempSync(join(tmpdir(), "palisade-validate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: deny-nodeports
spec:
  preDNAT: true
  applyOnForward: true
  selector: ibm.role=='worker_public'
  ingress:
  - action: Deny
    protocol: TCP
    destination:
      ports: ["30000:32767"]
`;
const bad = `---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: web
spec:
  ingress:
  - action: Allow
    protocol: tcp
---
apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata:
  name: <worker-node-name>-public
spec:
  node: w1
  interfaceName: eth1
`;

async function run(args: string[], stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const code = await validateCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: () => stdin });
  return { code, out, err };
}

describe("palisade validate", () => {
  mkdirSync(join(dir, "nested"));
  writeFileSync(join(dir, "good.yaml"), good);
  writeFileSync(join(dir, "nested", "bad.yml"), bad);
  writeFileSync(join(dir, "notes.txt"), "not a manifest");

  it("exits 0 for valid files", async () => {
    expect(await run([join(dir, "good.yaml")])).toEqual({ code: 0, out: ["1 valid, 0 invalid (1 file)"], err: [] });
  });

  it("walks folders and prints file:line:column, document, path and message for each error", async () => {
    const { code, out } = await run([dir]);
    expect(code).toBe(1);
    const badFile = join(dir, "nested", "bad.yml");
    expect(out).toEqual([
      `${badFile}:9:15: document 1 NetworkPolicy "web": spec.ingress[0].protocol: protocol "tcp" is invalid: names are case-sensitive, write "TCP"`,
      `${badFile}:14:9: document 2 HostEndpoint "<worker-node-name>-public": metadata.name: template placeholder "<worker-node-name>", fill it in with a real value`,
      expect.stringMatching(
        new RegExp(
          `^${badFile.replaceAll(".", "\\.")}:14:9: document 2 HostEndpoint .*metadata\\.name: name .* is invalid`,
        ),
      ),
      "1 valid, 2 invalid (2 files)",
    ]);
  });

  it("reads standard input for -, and prints warnings without failing", async () => {
    const text = good.replace("  selector: ibm.role=='worker_public'\n", "");
    const { code, out } = await run(["-"], text);
    expect(code).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(
        /^-:6:3: document 1 GlobalNetworkPolicy "deny-nodeports": warning: spec\.selector: no selector means all\(\)/,
      ),
      "1 valid, 0 invalid (1 file)",
    ]);
  });

  it("exits 2 with usage for no arguments or a missing path", async () => {
    expect((await run([])).code).toBe(2);
    const missing = await run([join(dir, "missing.yaml")]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/^palisade validate: .*missing\.yaml/);
  });
});
