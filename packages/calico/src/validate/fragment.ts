/**
 * Validators for the sub-objects upstream's validator tests check on their own (the `fragment` field of
 * shared/calico/validation-vectors.json): schema check plus the same semantic rules as inside a resource.
 */
import { HostEndpointSpec } from "../model/host-endpoint";
import { GlobalNetworkSetSpec, NetworkSetSpec } from "../model/network-set";
import { EntityRule, HTTPMatch, ICMPFields, Protocol, Rule } from "../model/rule";
import type { Context } from "./context";
import { validateHostEndpointSpec } from "./host-endpoint";
import { Issues, type ValidationResult } from "./issues";
import { validateNetworkSetSpec } from "./network-set";
import { protocolProblem } from "./protocol";
import type { ValidateOptions } from "./resource";
import { validateEntityRule, validateHTTPMatch, validateICMPFields, validateRule } from "./rule";
import { checkSchema } from "./schema-check";
import { checkSelectorSyntax } from "./selector-check";

export const FRAGMENTS = [
  "Rule",
  "EntityRule",
  "ICMPFields",
  "HTTPMatch",
  "Protocol",
  "HostEndpointSpec",
  "GlobalNetworkSetSpec",
  "NetworkSetSpec",
] as const;
export type Fragment = (typeof FRAGMENTS)[number];

type FragmentRule = (value: unknown, path: string, ctx: Context) => void;

const protocolRule: FragmentRule = (value, path, ctx) => {
  const problem = protocolProblem(value);
  if (problem !== undefined) ctx.issues.add(path, problem);
};

const RULES: Readonly<Record<Fragment, { schema: unknown; check: FragmentRule }>> = {
  Rule: { schema: Rule, check: validateRule },
  EntityRule: { schema: EntityRule, check: validateEntityRule },
  ICMPFields: { schema: ICMPFields, check: validateICMPFields },
  HTTPMatch: { schema: HTTPMatch, check: validateHTTPMatch },
  Protocol: { schema: Protocol, check: protocolRule },
  HostEndpointSpec: { schema: HostEndpointSpec, check: validateHostEndpointSpec },
  GlobalNetworkSetSpec: { schema: GlobalNetworkSetSpec, check: validateNetworkSetSpec },
  NetworkSetSpec: { schema: NetworkSetSpec, check: validateNetworkSetSpec },
};

export function isFragment(name: string): name is Fragment {
  return (FRAGMENTS as readonly string[]).includes(name);
}

/** Validates a sub-object on its own; paths are relative to it (`destination.ports[0]`). */
export function validateFragmentWith(fragment: Fragment, value: unknown, options: ValidateOptions): ValidationResult {
  const issues = new Issues();
  const { schema, check } = RULES[fragment];
  checkSchema(schema as Record<string, unknown>, value, "", issues);
  check(value, "", { issues, checkSelector: options.checkSelector });
  return issues.result();
}

/** `validateFragmentWith` using this package's selector parser. */
export function validateFragment(fragment: Fragment, value: unknown): ValidationResult {
  return validateFragmentWith(fragment, value, { checkSelector: checkSelectorSyntax });
}
