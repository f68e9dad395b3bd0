import type { PolicySetId, PolicySetParams } from "@palisade/contract";

/** The isolation form as typed: empty fields mean "what Palisade detects" (region) or "the catalog's default". */
export interface SetForm {
  readonly set: PolicySetId;
  readonly region: string;
  readonly podSubnet: string;
  /** Master proxy addresses, separated by commas or spaces. */
  readonly masterProxy: string;
  readonly with: readonly string[];
}

export const EMPTY_FORM: SetForm = { set: "public-isolation", region: "", podSubnet: "", masterProxy: "", with: [] };

/** The plan request: only what the user gave, so the server fills in (and names the source of) the rest. */
export function formParams(form: SetForm): PolicySetParams {
  const region = form.region.trim();
  const podSubnet = form.podSubnet.trim();
  const masterProxy = form.masterProxy.split(/[\s,]+/).filter((s) => s !== "");
  return {
    ...(region === "" ? {} : { region }),
    ...(podSubnet === "" ? {} : { podSubnet }),
    ...(masterProxy.length === 0 ? {} : { masterProxy }),
    ...(form.with.length === 0 ? {} : { with: [...form.with].sort() }),
  };
}

/** The form that re-plans a set found in the cluster with the parameters it recorded ("Bring up to date"). */
export function formOf(set: PolicySetId, params: PolicySetParams): SetForm {
  return {
    set,
    region: params.region ?? "",
    podSubnet: params.podSubnet ?? "",
    masterProxy: (params.masterProxy ?? []).join(", "),
    with: params.with ?? [],
  };
}
