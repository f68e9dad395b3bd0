import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Endpoint, hostEndpoint, workloadEndpointFromPod } from "./endpoint";
import type { PolicyLike } from "./inputs";
import { inheritLabels, namespaceProfileLabels } from "./labels";
import { MatchIndex } from "./match-index";

/**
 * The incremental index must agree with brute force after any sequence of changes: every policy's endpoint set is
 * exactly the endpoints whose effective labels (recomputed here from the latest objects) its selector matches.
 */
const labelName = fc.constantFrom("app", "tier", "ibm.role", "env");
const labelValue = fc.constantFrom("a", "b");
const labels = fc.dictionary(labelName, labelValue, { maxKeys: 3 });
const selector = fc.oneof(
  fc.tuple(labelName, labelValue).map(([k, v]) => `${k} == '${v}'`),
  fc.tuple(labelName, labelValue, labelValue).map(([k, v, w]) => `${k} in {'${v}', '${w}'}`),
  labelName.map((k) => `has(${k})`),
  labelName.map((k) => `!has(${k})`),
  fc.tuple(labelName, labelValue).map(([k, v]) => `${k} != '${v}'`),
  fc.tuple(labelName, labelValue, labelName).map(([k, v, h]) => `${k} == '${v}' && has(${h})`),
  fc.tuple(labelName, labelValue, labelName, labelValue).map(([k, v, h, w]) => `${k} == '${v}' || ${h} == '${w}'`),
  fc.constant("all()"),
  fc.constant("app == 'a' && app == 'b'"),
);

const op = fc.oneof(
  fc.record({ kind: fc.constant("hep" as const), n: fc.nat(4), labels }),
  fc.record({ kind: fc.constant("pod" as const), n: fc.nat(4), ns: fc.constantFrom("x", "y"), labels }),
  fc.record({ kind: fc.constant("ns" as const), ns: fc.constantFrom("x", "y"), labels }),
  fc.record({ kind: fc.constant("removeEndpoint" as const), n: fc.nat(4) }),
  fc.record({
    kind: fc.constant("policy" as const),
    n: fc.nat(5),
    selector,
    namespaceSelector: fc.option(selector, { nil: undefined }),
    namespaced: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("removePolicy" as const), n: fc.nat(5) }),
  // The same policy again with another order: replaced in place under the same selector.
  fc.record({ kind: fc.constant("reorder" as const), n: fc.nat(5), order: fc.nat(10) }),
);

function policy(n: number, sel: string, nsSel: string | undefined, namespaced: boolean): PolicyLike {
  return namespaced
    ? { kind: "NetworkPolicy", metadata: { name: `p${n}`, namespace: "x" }, spec: { selector: sel } }
    : { kind: "GlobalNetworkPolicy", metadata: { name: `p${n}` }, spec: { selector: sel, namespaceSelector: nsSel } };
}

describe("MatchIndex incremental updates", () => {
  it("agree with brute-force evaluation after any sequence of changes", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 60 }), (ops) => {
        const idx = new MatchIndex();
        const endpoints = new Map<string, Endpoint>();
        const namespaces = new Map<string, Record<string, string>>();
        const upsert = (ep: Endpoint) => {
          endpoints.set(ep.id, ep);
          idx.upsertEndpoint(ep);
        };
        const remove = (id: string) => {
          endpoints.delete(id);
          idx.removeEndpoint(id);
        };
        for (const o of ops) {
          switch (o.kind) {
            case "hep":
              upsert(hostEndpoint({ metadata: { name: `h${o.n}`, labels: o.labels }, spec: { node: "n" } }));
              break;
            case "pod":
              remove(`wep/${o.ns === "x" ? "y" : "x"}/p${o.n}`);
              upsert(workloadEndpointFromPod({ metadata: { name: `p${o.n}`, namespace: o.ns, labels: o.labels } }));
              break;
            case "ns":
              namespaces.set(o.ns, o.labels);
              idx.upsertNamespace({ metadata: { name: o.ns, labels: o.labels } });
              break;
            case "removeEndpoint":
              remove(`hep/h${o.n}`);
              remove(`wep/x/p${o.n}`);
              remove(`wep/y/p${o.n}`);
              break;
            case "policy":
              // Replaced in place when of the same kind (a new selector, or the same one another policy has).
              idx.removePolicy(o.namespaced ? `GlobalNetworkPolicy//p${o.n}` : `NetworkPolicy/x/p${o.n}`);
              idx.upsertPolicy(policy(o.n, o.selector, o.namespaceSelector, o.namespaced));
              break;
            case "reorder":
              for (const p of [...idx.policyList()].filter((x) => x.key.endsWith(`/p${o.n}`))) {
                idx.upsertPolicy({ ...p.policy, spec: { ...p.policy.spec, order: o.order } });
              }
              break;
            case "removePolicy":
              idx.removePolicy(`NetworkPolicy/x/p${o.n}`);
              idx.removePolicy(`GlobalNetworkPolicy//p${o.n}`);
              break;
          }
          // Fill the per-endpoint cache as a reader would, so that a list the change should have dropped shows up.
          for (const id of endpoints.keys()) idx.policiesForEndpoint(id);
        }
        const effective = (ep: Endpoint) => {
          const ns = ep.namespace === undefined ? undefined : namespaces.get(ep.namespace);
          const parent =
            ns === undefined || ep.namespace === undefined ? undefined : namespaceProfileLabels(ep.namespace, ns);
          return inheritLabels(ep.ownLabels, [parent]);
        };
        expect([...idx.endpoints()].map((ep) => ep.id).sort()).toEqual([...endpoints.keys()].sort());
        for (const p of idx.policyList()) {
          const want = [...endpoints.values()]
            .filter((ep) => p.selector.evaluate(effective(ep)))
            .map((ep) => ep.id)
            .sort();
          expect([...idx.endpointsForPolicy(p.key)].sort()).toEqual(want);
          for (const ep of endpoints.values()) {
            const listed = idx.policiesForEndpoint(ep.id).normal.ingress.flatMap((t) => t.policies.map((x) => x.key));
            expect(listed.includes(p.key)).toBe(want.includes(ep.id));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
