import { isRecord, type KubeObject } from "../api/object";
import type { StatusCause } from "../api/status";
import type { NameRule } from "./object-meta";

/** Which name rule a built-in kind's metadata.name follows (`ValidateObjectMeta` callers in k8s validation.go). */
export function nameRuleOf(kind: string): NameRule {
  return kind === "Namespace" || kind === "Service" ? "label" : "subdomain";
}

/** Defaults the API server applies to built-in kinds on create (the parts clients can observe and rely on). */
export function defaultBuiltin(obj: KubeObject): KubeObject {
  switch (obj.kind) {
    case "Namespace":
      return {
        ...obj,
        metadata: {
          ...obj.metadata,
          labels: { ...obj.metadata.labels, "kubernetes.io/metadata.name": obj.metadata.name ?? "" },
        },
        spec: { finalizers: ["kubernetes"], ...(isRecord(obj.spec) ? obj.spec : {}) },
        status: { phase: "Active" },
      };
    case "NetworkPolicy": {
      const spec = isRecord(obj.spec) ? { ...obj.spec } : {};
      if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
        spec.policyTypes = Array.isArray(spec.egress) && spec.egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
      }
      if (spec.podSelector === undefined) spec.podSelector = {};
      return { ...obj, spec };
    }
    case "Pod": {
      const spec = isRecord(obj.spec) ? obj.spec : {};
      return {
        ...obj,
        spec: {
          restartPolicy: "Always",
          terminationGracePeriodSeconds: 30,
          dnsPolicy: "ClusterFirst",
          serviceAccountName: "default",
          serviceAccount: typeof spec.serviceAccountName === "string" ? spec.serviceAccountName : "default",
          schedulerName: "default-scheduler",
          enableServiceLinks: true,
          preemptionPolicy: "PreemptLowerPriority",
          priority: 0,
          ...spec,
        },
        status: isRecord(obj.status) ? obj.status : { phase: "Pending", qosClass: "BestEffort" },
      };
    }
    default:
      return obj;
  }
}

/** Spec checks of built-in kinds that clients run into (a subset of k8s.io/kubernetes/pkg/apis/.../validation). */
export function validateBuiltin(obj: KubeObject): StatusCause[] {
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const required = (field: string): StatusCause => ({ reason: "FieldValueRequired", message: "Required value", field });
  switch (obj.kind) {
    case "Pod":
      return Array.isArray(spec.containers) && spec.containers.length > 0 ? [] : [required("spec.containers")];
    case "Service":
      return spec.clusterIP === "None" ||
        spec.type === "ExternalName" ||
        (Array.isArray(spec.ports) && spec.ports.length > 0)
        ? []
        : [required("spec.ports")];
    case "NetworkPolicy": {
      const causes: StatusCause[] = [];
      const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
      types.forEach((t, i) => {
        if (t !== "Ingress" && t !== "Egress") {
          causes.push({
            reason: "FieldValueNotSupported",
            message: `Unsupported value: ${JSON.stringify(t)}: supported values: "Ingress", "Egress"`,
            field: `spec.policyTypes[${i}]`,
          });
        }
      });
      return causes;
    }
    default:
      return [];
  }
}
