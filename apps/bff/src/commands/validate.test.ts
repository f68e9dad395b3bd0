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

  it("checks built-in tiers by --calico-version, and says which rules it used without one", async () => {
    const tier =
      "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: adminnetworkpolicy\nspec:\n  order: 5\n";
    expect(await run(["--calico-version", "v3.31.0", "-"], tier)).toEqual({
      code: 1,
      out: [
        '-:6:10: document 1 Tier "adminnetworkpolicy": spec.order: Calico v3.31 requires the built-in tier "adminnetworkpolicy" to have order 1000',
        "0 valid, 1 invalid (1 file)",
      ],
      err: [],
    });
    expect((await run(["--calico-version=3.32.1", "-"], tier)).code).toBe(0);
    const unknown = await run(["-"], tier);
    expect(unknown.code).toBe(0);
    expect(unknown.out[0]).toMatch(
      /warning: metadata\.name: the Calico release is unknown, so the tier "adminnetworkpolicy" was checked by Calico v3\.32's rules/,
    );
  });

  it("refuses a --calico-version that is not a version, naming the flag", async () => {
    expect(await run(["--calico-version", "latest", "-"])).toEqual({
      code: 2,
      out: [],
      err: ['palisade validate: --calico-version: "latest" is not a Calico version (for example v3.31.0)'],
    });
    expect((await run(["--calico-version"])).err).toEqual([
      "palisade validate: --calico-version: no version given (for example v3.31.0)",
    ]);
  });
});
