import type { KubeObject } from "../api/object";
import type { StatusCause } from "../api/status";

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export type NameRule = "subdomain" | "label";

export function nameMessage(rule: NameRule, name: string): string | undefined {
  if (rule === "label") {
    if (name.length > 63) return `Invalid value: "${name}": must be no more than 63 characters`;
    if (!DNS1123_LABEL.test(name)) {
      return `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`;
    }
    return undefined;
  }
  if (name.length > 253) return `Invalid value: "${name}": must be no more than 253 characters`;
  if (!DNS1123_SUBDOMAIN.test(name)) {
    return `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
  }
  return undefined;
}

function labelKeyMessage(key: string): string | undefined {
  const slash = key.indexOf("/");
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
    return `Invalid value: "${key}": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
  }
  if (name.length > 63) return `Invalid value: "${key}": name part must be no more than 63 characters`;
  if (!QUALIFIED_NAME.test(name)) {
    return `Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`;
  }
  return undefined;
}

/** `ValidateObjectMeta`: name, namespace, label keys and values, annotation keys. */
export function validateObjectMeta(obj: KubeObject, rule: NameRule, namespaced: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  const m = obj.metadata;
  const name = m.name ?? "";
  if (name === "") {
    causes.push({
      reason: "FieldValueRequired",
      message: "Required value: name or generateName is required",
      field: "metadata.name",
    });
  } else {
    const msg = nameMessage(rule, name);
    if (msg !== undefined) causes.push({ reason: "FieldValueInvalid", message: msg, field: "metadata.name" });
  }
  if (namespaced && (m.namespace ?? "") === "") {
    causes.push({ reason: "FieldValueRequired", message: "Required value", field: "metadata.namespace" });
  }
  if (!namespaced && (m.namespace ?? "") !== "") {
    causes.push({
      reason: "FieldValueForbidden",
      message: "Forbidden: not allowed on this type",
      field: "metadata.namespace",
    });
  }
  for (const [k, v] of Object.entries(m.labels ?? {})) {
    const keyMsg = labelKeyMessage(k);
    if (keyMsg !== undefined) causes.push({ reason: "FieldValueInvalid", message: keyMsg, field: "metadata.labels" });
    if (typeof v !== "string" || v.length > 63 || !LABEL_VALUE.test(v)) {
      causes.push({
        reason: "FieldValueInvalid",
        message: `Invalid value: "${String(v)}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
        field: "metadata.labels",
      });
    }
  }
  for (const [k, v] of Object.entries(m.annotations ?? {})) {
    const keyMsg = labelKeyMessage(k);
    if (keyMsg !== undefined)
      causes.push({ reason: "FieldValueInvalid", message: keyMsg, field: "metadata.annotations" });
    if (typeof v !== "string") {
      causes.push({
        reason: "FieldValueInvalid",
        message: `Invalid value: ${JSON.stringify(v)}: must be a string`,
        field: `metadata.annotations`,
      });
    }
  }
  return causes;
}
