import { badRequest, unsupportedMediaType } from "../api/status";

/**
 * Kubernetes' protobuf encoding, as far as kubectl uses it to write to kube-sim: typed clients (`kubectl auth
 * can-i`, `auth whoami`, `create namespace`) send `application/vnd.kubernetes.protobuf` bodies. A body is the magic
 * `k8s\0` and a `runtime.Unknown` wrapping the object's message; the messages decoded here are the ones those
 * commands send (field numbers from k8s.io/api's generated.proto). Replies stay JSON, which clients accept.
 */
export const PROTOBUF = "application/vnd.kubernetes.protobuf";

type Field = { readonly no: number; readonly wire: number; readonly value: bigint | Uint8Array };

function readVarint(buf: Uint8Array, at: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  let i = at;
  for (;;) {
    const byte = buf[i];
    if (byte === undefined) throw badRequest("the protobuf body ends inside a varint");
    i += 1;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, i];
    shift += 7n;
  }
}

function fields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  let i = 0;
  while (i < buf.length) {
    const [key, next] = readVarint(buf, i);
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    i = next;
    if (wire === 0) {
      const [v, after] = readVarint(buf, i);
      out.push({ no, wire, value: v });
      i = after;
    } else if (wire === 2) {
      const [len, after] = readVarint(buf, i);
      const end = after + Number(len);
      if (end > buf.length) throw badRequest("the protobuf body ends inside a field");
      out.push({ no, wire, value: buf.subarray(after, end) });
      i = end;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else throw badRequest(`unsupported protobuf wire type ${wire}`);
  }
  return out;
}

type Shape = { readonly [no: number]: readonly [string, FieldKind] };
type FieldKind = "string" | "int" | "bool" | "strings" | "map" | Shape;

const text = new TextDecoder();

function decode(buf: Uint8Array, shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields(buf)) {
    const entry = shape[f.no];
    if (entry === undefined) continue;
    const [name, kind] = entry;
    if (kind === "int") out[name] = Number(f.value as bigint);
    else if (kind === "bool") out[name] = f.value !== 0n;
    else if (f.value instanceof Uint8Array) {
      if (kind === "string") out[name] = text.decode(f.value);
      else if (kind === "strings") out[name] = [...((out[name] as string[] | undefined) ?? []), text.decode(f.value)];
      else if (kind === "map") {
        const pair = decode(f.value, { 1: ["k", "string"], 2: ["v", "string"] });
        out[name] = {
          ...(out[name] as Record<string, string> | undefined),
          [String(pair.k ?? "")]: String(pair.v ?? ""),
        };
      } else out[name] = decode(f.value, kind);
    }
  }
  return out;
}

const OBJECT_META: Shape = {
  1: ["name", "string"],
  2: ["generateName", "string"],
  3: ["namespace", "string"],
  11: ["labels", "map"],
  12: ["annotations", "map"],
  14: ["finalizers", "strings"],
};

const SHAPES: Readonly<Record<string, Shape>> = {
  "authorization.k8s.io/v1/SelfSubjectAccessReview": {
    1: ["metadata", OBJECT_META],
    2: [
      "spec",
      {
        1: [
          "resourceAttributes",
          {
            1: ["namespace", "string"],
            2: ["verb", "string"],
            3: ["group", "string"],
            4: ["version", "string"],
            5: ["resource", "string"],
            6: ["subresource", "string"],
            7: ["name", "string"],
          },
        ],
        2: ["nonResourceAttributes", { 1: ["path", "string"], 2: ["verb", "string"] }],
      },
    ],
  },
  "authorization.k8s.io/v1/SelfSubjectRulesReview": {
    1: ["metadata", OBJECT_META],
    2: ["spec", { 1: ["namespace", "string"] }],
  },
  "authentication.k8s.io/v1/SelfSubjectReview": { 1: ["metadata", OBJECT_META] },
  "v1/Namespace": { 1: ["metadata", OBJECT_META], 2: ["spec", { 1: ["finalizers", "strings"] }] },
};

/** Decodes a protobuf request body of a kind listed above into its JSON form; others get 415 as unknown formats. */
export function decodeProtobuf(body: Uint8Array): Record<string, unknown> {
  const magic = [0x6b, 0x38, 0x73, 0x00];
  if (body.length < 4 || magic.some((b, i) => body[i] !== b))
    throw badRequest("the protobuf body lacks the k8s envelope");
  const unknown = decode(body.subarray(4), {
    1: ["typeMeta", { 1: ["apiVersion", "string"], 2: ["kind", "string"] }],
  });
  const typeMeta = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const raw = fields(body.subarray(4)).find((f) => f.no === 2)?.value;
  const shape = SHAPES[`${typeMeta.apiVersion ?? ""}/${typeMeta.kind ?? ""}`];
  if (shape === undefined || !(raw instanceof Uint8Array)) throw unsupportedMediaType();
  return { apiVersion: typeMeta.apiVersion, kind: typeMeta.kind, ...decode(raw, shape) };
}
