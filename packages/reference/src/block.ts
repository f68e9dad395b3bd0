import { NOT_RUN_WITHOUT_SHARED, type SharedFiles, type SharedLookup, sharedRequiredInCi } from "./index";

export type SharedBlock =
  | { readonly run: "body"; readonly files: SharedFiles }
  | { readonly run: "skip"; readonly title: string }
  | { readonly run: "fail"; readonly message: string };

/** What a block that needs ../shared does: run, be listed as not run (with the reason), or fail under CI. */
export function sharedBlock(lookup: SharedLookup, ci: boolean): SharedBlock {
  if (lookup.present) return { run: "body", files: lookup.files };
  if (ci) return { run: "fail", message: sharedRequiredInCi(lookup.reason) };
  return { run: "skip", title: `${NOT_RUN_WITHOUT_SHARED}: ${lookup.reason}` };
}
