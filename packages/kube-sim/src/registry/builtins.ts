import { type ResourceType, STANDARD_VERBS } from "./resource-type";

function builtin(
  t: Pick<ResourceType, "group" | "version" | "plural" | "kind" | "namespaced"> & Partial<ResourceType>,
): ResourceType {
  return {
    singular: t.kind.toLowerCase(),
    verbs: STANDARD_VERBS,
    shortNames: [],
    categories: [],
    statusSubresource: false,
    generation: "none",
    crd: false,
    ...t,
  };
}

const CREATE_ONLY = ["create"];

/** The built-in resources Palisade reads or writes, with discovery facts as kube-apiserver 1.34 reports them. */
export const BUILTIN_TYPES: readonly ResourceType[] = [
  builtin({
    group: "",
    version: "v1",
    plural: "namespaces",
    kind: "Namespace",
    namespaced: false,
    shortNames: ["ns"],
    verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
    statusSubresource: true,
  }),
  builtin({ group: "", version: "v1", plural: "nodes", kind: "Node", namespaced: false, shortNames: ["no"] }),
  builtin({
    group: "",
    version: "v1",
    plural: "pods",
    kind: "Pod",
    namespaced: true,
    shortNames: ["po"],
    categories: ["all"],
    statusSubresource: true,
    generation: "spec",
  }),
  builtin({
    group: "",
    version: "v1",
    plural: "services",
    kind: "Service",
    namespaced: true,
    shortNames: ["svc"],
    categories: ["all"],
    statusSubresource: true,
  }),
  builtin({
    group: "",
    version: "v1",
    plural: "serviceaccounts",
    kind: "ServiceAccount",
    namespaced: true,
    shortNames: ["sa"],
  }),
  builtin({
    group: "networking.k8s.io",
    version: "v1",
    plural: "networkpolicies",
    kind: "NetworkPolicy",
    namespaced: true,
    shortNames: ["netpol"],
    generation: "spec",
  }),
  builtin({
    group: "apiextensions.k8s.io",
    version: "v1",
    plural: "customresourcedefinitions",
    kind: "CustomResourceDefinition",
    namespaced: false,
    shortNames: ["crd", "crds"],
    categories: ["api-extensions"],
    statusSubresource: true,
    generation: "spec",
  }),
  builtin({
    group: "discovery.k8s.io",
    version: "v1",
    plural: "endpointslices",
    kind: "EndpointSlice",
    namespaced: true,
  }),
  builtin({
    group: "authorization.k8s.io",
    version: "v1",
    plural: "selfsubjectaccessreviews",
    kind: "SelfSubjectAccessReview",
    namespaced: false,
    verbs: CREATE_ONLY,
    virtual: true,
  }),
  builtin({
    group: "authorization.k8s.io",
    version: "v1",
    plural: "selfsubjectrulesreviews",
    kind: "SelfSubjectRulesReview",
    namespaced: false,
    verbs: CREATE_ONLY,
    virtual: true,
  }),
  builtin({
    group: "authentication.k8s.io",
    version: "v1",
    plural: "selfsubjectreviews",
    kind: "SelfSubjectReview",
    namespaced: false,
    verbs: CREATE_ONLY,
    virtual: true,
  }),
];
