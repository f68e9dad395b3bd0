import {
  POLICY_KINDS,
  type PolicyKind as PolicyKindName,
  RESOURCE_KINDS,
  type ResourceKind as ResourceKindName,
} from "@palisade/calico";
import { type TUnsafe, Type } from "typebox";

/** A kind name on the wire; the kinds and what each means are the calico package's table (`KINDS`). */
function kindUnion<K extends string>(kinds: readonly K[]): TUnsafe<K> {
  return Type.Unsafe<K>(Type.Union(kinds.map((k) => Type.Literal(k))));
}

export const PolicyKind = kindUnion(POLICY_KINDS);
export type PolicyKind = PolicyKindName;

export const ResourceKind = kindUnion(RESOURCE_KINDS);
export type ResourceKind = ResourceKindName;
