import { isRecord, type KubeObject } from "../api/object";
import type { StatusCause } from "../api/status";

/** The CustomResourceDefinition checks that keep a broken CRD from being served (apiextensions validation.go). */
export function validateCrd(crd: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const names = isRecord(spec.names) ? spec.names : {};
  const required = (field: string) => causes.push({ reason: "FieldValueRequired", message: "Required value", field });
  if (typeof spec.group !== "string" || spec.group === "") required("spec.group");
  if (typeof names.plural !== "string" || names.plural === "") required("spec.names.plural");
  if (typeof names.kind !== "string" || names.kind === "") required("spec.names.kind");
  if (spec.scope !== "Cluster" && spec.scope !== "Namespaced") {
    causes.push({
      reason: "FieldValueNotSupported",
      message: `Unsupported value: ${JSON.stringify(spec.scope ?? "")}: supported values: "Cluster", "Namespaced"`,
      field: "spec.scope",
    });
  }
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isRecord) : [];
  if (versions.length === 0) required("spec.versions");
  else if (versions.filter((v) => v.storage === true).length !== 1) {
    causes.push({
      reason: "FieldValueInvalid",
      message: "Invalid value: must have exactly one version marked as storage version",
      field: "spec.versions",
    });
  }
  const expected = `${String(names.plural ?? "")}.${String(spec.group ?? "")}`;
  if (crd.metadata.name !== undefined && crd.metadata.name !== expected && causes.length === 0) {
    causes.push({
      reason: "FieldValueInvalid",
      message: `Invalid value: ${JSON.stringify(crd.metadata.name)}: must be spec.names.plural+"."+spec.group`,
      field: "metadata.name",
    });
  }
  return causes;
}

/** The status a CRD gets once the apiextensions controllers accept it: names accepted, Established. */
export function establishedStatus(crd: KubeObject, now: string): Record<string, unknown> {
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isRecord) : [];
  const condition = (type: string, reason: string, message: string) => ({
    type,
    status: "True",
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    conditions: [
      condition("NamesAccepted", "NoConflicts", "no conflicts found"),
      condition("Established", "InitialNamesAccepted", "the initial names have been accepted"),
    ],
    acceptedNames: spec.names,
    storedVersions: versions.filter((v) => v.storage === true).map((v) => v.name),
  };
}
