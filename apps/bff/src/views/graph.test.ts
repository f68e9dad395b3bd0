import { describe, expect, it } from "vitest";
import { compareNames, workloadOf } from "./graph";

const pod = (labels: Record<string, string>, ownerReferences?: object[]) => ({
  metadata: { name: "p", namespace: "n", labels, ...(ownerReferences === undefined ? {} : { ownerReferences }) },
});

describe("workloadOf", () => {
  it("names a ReplicaSet's pods by their Deployment, as kubectl does", () => {
    const owner = { kind: "ReplicaSet", name: "web-7d4b9c", controller: true };
    expect(workloadOf(pod({ "pod-template-hash": "7d4b9c" }, [owner]))).toEqual({ kind: "Deployment", name: "web" });
    // A ReplicaSet of its own (no template hash in its name) stays one.
    expect(workloadOf(pod({}, [owner]))).toEqual({ kind: "ReplicaSet", name: "web-7d4b9c" });
  });

  it("takes the controller among the owners, then the first", () => {
    const owners = [
      { kind: "ConfigMap", name: "c" },
      { kind: "StatefulSet", name: "db", controller: true },
    ];
    expect(workloadOf(pod({ app: "x" }, owners))).toEqual({ kind: "StatefulSet", name: "db" });
    expect(workloadOf(pod({}, [{ kind: "DaemonSet", name: "calico-node" }]))).toEqual({
      kind: "DaemonSet",
      name: "calico-node",
    });
  });

  it("falls back to the application label, the recommended one first, and to nothing", () => {
    expect(workloadOf(pod({ app: "a", "app.kubernetes.io/name": "b" }))).toEqual({ kind: "app", name: "b" });
    expect(workloadOf(pod({ "k8s-app": "kube-dns" }))).toEqual({ kind: "app", name: "kube-dns" });
    expect(workloadOf(pod({ run: "nginx" }))).toEqual({ kind: "app", name: "nginx" });
    expect(workloadOf(pod({ tier: "web" }))).toBeUndefined();
  });
});

describe("compareNames", () => {
  it("puts names in natural order", () => {
    expect(["tenant-10", "tenant-2", "kube-system", "tenant-1"].sort(compareNames)).toEqual([
      "kube-system",
      "tenant-1",
      "tenant-2",
      "tenant-10",
    ]);
  });
});
