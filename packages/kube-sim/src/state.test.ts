import { execFile } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CustomObjectsApi, KubeConfig, type KubernetesObject, makeInformer, Watch } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "./server";
import { readState, type SimState, StateFileError, StateWriter } from "./state";
import { startSimChild } from "./testing/child";

const dir = mkdtempSync(join(tmpdir(), "kube-sim-state-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GNP = { group: "projectcalico.org", version: "v3", plural: "globalnetworkpolicies" };
const gnp = (name: string) => ({
  apiVersion: "projectcalico.org/v3",
  kind: "GlobalNetworkPolicy",
  metadata: { name },
  spec: { selector: "all()", ingress: [{ action: "Allow" }] },
});

function api(sim: KubeSim): CustomObjectsApi {
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  return kc.makeApiClient(CustomObjectsApi);
}

describe("--state", () => {
  it("keeps objects, CA and tokens across a restart, written atomically", async () => {
    const state = join(dir, "keep.json");
    const first = await startKubeSim({ scenario: "empty", state });
    await api(first).createClusterCustomObject({ ...GNP, body: gnp("kept") });
    await first.close();
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const second = await startKubeSim({ state });
    expect(second.caPem).toBe(first.caPem);
    expect(second.tokens).toEqual(first.tokens);
    const got = (await api(second).getClusterCustomObject({ ...GNP, name: "kept" })) as KubernetesObject;
    expect(got.metadata?.name).toBe("kept");
    await second.close();
  });

  it("refuses a state file of the other storage mode", async () => {
    const state = join(dir, "mode.json");
    await (await startKubeSim({ scenario: "empty", storage: "v3", state })).close();
    await expect(startKubeSim({ state, storage: "v1" })).rejects.toThrow(/v3 storage, not v1/);
    expect(existsSync(state)).toBe(true);
  });

  it("lets a client-node informer resume after a restart, relisting after the 410 a compacted history gives", async () => {
    const state = join(dir, "informer.json");
    const first = await startKubeSim({ scenario: "empty", state });
    const kc = new KubeConfig();
    kc.loadFromString(first.kubeconfig);
    const objects = kc.makeApiClient(CustomObjectsApi);
    await objects.createClusterCustomObject({ ...GNP, body: gnp("before") });
    let lists = 0;
    const informer = makeInformer(kc, "/apis/projectcalico.org/v3/globalnetworkpolicies", () => {
      lists += 1;
      return objects.listClusterCustomObject(GNP);
    });
    const seen: string[] = [];
    const errors: unknown[] = [];
    informer.on("add", (o) => seen.push(o.metadata?.name ?? ""));
    informer.on("error", (e) => errors.push(e));
    await informer.start();
    expect(seen).toEqual(["before"]);
    const port = Number(new URL(first.server).port);
    const disconnected = new Promise<void>((resolve) => informer.on("error", () => resolve()));
    await first.close();
    await disconnected;
    // Restarted with a one-event history: the informer's resourceVersion is older than what the server retains.
    const second = await startKubeSim({ state, port, watchWindow: 1 });
    const kc2 = new KubeConfig();
    kc2.loadFromString(second.kubeconfig);
    const api2 = kc2.makeApiClient(CustomObjectsApi);
    await api2.createClusterCustomObject({ ...GNP, body: gnp("while-away-1") });
    await api2.createClusterCustomObject({ ...GNP, body: gnp("while-away-2") });
    const caughtUp = new Promise<void>((resolve) =>
      informer.on("add", () => {
        if (informer.list().length === 3) resolve();
      }),
    );
    await informer.start();
    await caughtUp;
    expect(
      informer
        .list()
        .map((o) => o.metadata?.name)
        .sort(),
    ).toEqual(["before", "while-away-1", "while-away-2"]);
    // The first list, and the relist after the watch got 410 Gone.
    expect(lists).toBe(2);
    await informer.stop();
    await second.close();
  });
});

describe("durable writes", () => {
  it("keeps every create it acknowledged when killed with SIGKILL right after the last answer", async () => {
    const state = join(dir, "kill.json");
    // A few MB of state, so that writing it takes long enough for the kill to land before a late write would end.
    const sim = await startSimChild(["--scenario", "large", "--pods", "4000", "--state", state]);
    const sequential = Array.from({ length: 5 }, (_, i) => `one-by-one-${i}`);
    const concurrent = Array.from({ length: 20 }, (_, i) => `together-${i}`);
    try {
      const path = "/apis/projectcalico.org/v3/globalnetworkpolicies";
      for (const name of sequential) expect((await sim.call("POST", path, gnp(name))).status).toBe(201);
      const replies = await Promise.all(concurrent.map((name) => sim.call("POST", path, gnp(name))));
      expect(replies.map((r) => r.status)).toEqual(concurrent.map(() => 201));
      const gone = once(sim.process, "exit");
      sim.process.kill("SIGKILL");
      await gone;
    } finally {
      await sim.stop();
    }
    const restarted = await startKubeSim({ state });
    try {
      const list = (await api(restarted).listClusterCustomObject(GNP)) as { items: KubernetesObject[] };
      expect(list.items.map((o) => o.metadata?.name)).toEqual(expect.arrayContaining([...sequential, ...concurrent]));
    } finally {
      await restarted.close();
    }
  }, 120_000);

  it("tells watches of a write only once it is in the state file", async () => {
    const state = join(dir, "watch.json");
    const sim = await startKubeSim({ scenario: "empty", state });
    try {
      const kc = new KubeConfig();
      kc.loadFromString(sim.kubeconfig);
      const names = Array.from({ length: 10 }, (_, i) => `watched-${i}`);
      // Per event: was its object in the file when the watcher heard of it?
      const seen = new Map<string, boolean>();
      let all: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (all = resolve));
      const watch = await new Watch(kc).watch(
        "/apis/projectcalico.org/v3/globalnetworkpolicies",
        {},
        (_type, obj: KubernetesObject) => {
          const name = obj.metadata?.name ?? "";
          const stored = readState(state)?.snapshot.objects.some((o) => o.object.metadata.name === name) ?? false;
          seen.set(name, stored);
          if (seen.size === names.length) all();
        },
        () => undefined,
      );
      await Promise.all(names.map((name) => api(sim).createClusterCustomObject({ ...GNP, body: gnp(name) })));
      await done;
      watch.abort();
      expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(names.map((n) => [n, true])));
    } finally {
      await sim.close();
    }
  }, 30_000);

  it("shares a flush among concurrent writes, and answers a write made during a flush only after the next", async () => {
    const path = join(dir, "group.json");
    const pem = "-----BEGIN X-----";
    const at = (revision: number): SimState => ({
      format: "kube-sim-state/v1",
      storage: "v3",
      certs: { caPem: pem, certPem: pem, keyPem: pem },
      tokens: { admin: "a", editor: "e", viewer: "v" },
      snapshot: { revision, objects: [] },
    });
    let revision = 1;
    let captures = 0;
    let duringFlush: Promise<void> | undefined;
    const writer = new StateWriter(path, () => {
      captures += 1;
      const captured = at(revision);
      if (captures === 1) {
        // A write that lands after this flush took its snapshot.
        revision = 2;
        duringFlush = writer.flush();
      }
      return captured;
    });
    await Promise.all(Array.from({ length: 50 }, () => writer.flush()));
    expect(captures).toBe(1);
    expect(readState(path)?.snapshot.revision).toBe(1);
    await duringFlush;
    expect(captures).toBe(2);
    expect(readState(path)?.snapshot.revision).toBe(2);
    expect(readdirSync(dir).filter((f) => f.startsWith("group.json."))).toEqual([]);
  });
});

describe("a corrupt state file", () => {
  const CLI = fileURLToPath(new URL("./cli.ts", import.meta.url));
  let valid: string;
  let secrets: string[];
  beforeAll(async () => {
    const state = join(dir, "valid.json");
    const sim = await startKubeSim({ scenario: "empty", state });
    await sim.close();
    valid = readFileSync(state, "utf8");
    const parsed = JSON.parse(valid) as SimState;
    // The serving key's lines and every token: none may reach stderr.
    secrets = [
      ...parsed.certs.keyPem.split("\n").filter((l) => l.length > 20 && !l.startsWith("-----")),
      ...Object.values(parsed.tokens),
    ];
  });

  const edit = (change: (s: Record<string, unknown>) => void) => () => {
    const parsed = JSON.parse(valid) as Record<string, unknown>;
    change(parsed);
    return JSON.stringify(parsed);
  };
  const cases: [string, () => string, RegExp][] = [
    ["truncated", () => valid.slice(0, Math.floor(valid.length / 2)), /ends early at character \d+ \(truncated\?\)/],
    ["empty", () => "", /is empty/],
    [
      "a stray NUL byte",
      () => valid.replace("PRIVATE KEY-----\\n", "PRIVATE KEY-----\\n\u0000"),
      /stray control byte 0x00 at character \d+/,
    ],
    [
      "tokens missing",
      edit((s) => {
        delete s.tokens;
      }),
      /\(the top level\): missing tokens/,
    ],
    [
      "storage v9",
      edit((s) => {
        s.storage = "v9";
      }),
      /storage: must be one of "v3", "v1"/,
    ],
    [
      "wrong types",
      edit((s) => {
        const snapshot = s.snapshot as { revision: unknown; objects: { object: { metadata: { name: unknown } } }[] };
        snapshot.revision = "12";
        const first = snapshot.objects[0];
        if (first !== undefined) first.object.metadata.name = 7;
      }),
      /snapshot\.revision: must be integer; snapshot\.objects\[0\]\.object\.metadata\.name: must be string/,
    ],
  ];

  const noSecretIn = (text: string) => {
    expect(text.length).toBeLessThan(1000);
    for (const secret of secrets) expect(text).not.toContain(secret);
  };

  it.each(cases)(
    "%s: refused, naming the file and the problem, quoting nothing, leaving the file",
    async (name, make, problem) => {
      const state = join(dir, `corrupt-${name.replaceAll(" ", "-")}.json`);
      const text = make();
      writeFileSync(state, text);
      const refusal = await startKubeSim({ state }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refusal).toBeInstanceOf(StateFileError);
      const message = (refusal as Error).message;
      expect(message).toContain(state);
      expect(message).toMatch(problem);
      noSecretIn(message);
      expect(readFileSync(state, "utf8")).toBe(text);
    },
  );

  // One case through the command line (a child process each is slow on a loaded machine): the refusal is all that
  // stderr shows, where an uncaught error printed the file's text around the fault.
  it("is reported by the command line as one line on stderr and exit status 1", async () => {
    const state = join(dir, "corrupt-cli.json");
    const text = valid.slice(0, Math.floor(valid.length / 2));
    writeFileSync(state, text);
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ["--import", "tsx", CLI, "--state", state],
        { timeout: 150_000 },
        (error, _out, err) => resolve({ code: error === null ? 0 : child.exitCode, stderr: err }),
      );
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        `^kube-sim: state file ${state} is not valid JSON: it ends early at character \\d+ \\(truncated\\?\\); it was left as it is .*\\n$`,
      ),
    );
    noSecretIn(stderr);
    expect(readFileSync(state, "utf8")).toBe(text);
  }, 180_000);
});
