import type { ExplainRequest } from "@palisade/contract";
import { EMPTY_FORM, formToSearch } from "../explain/form";

/** The Explain page's query string for a logged packet, so the answer opens there with its form filled in. */
export function explainSearch(req: ExplainRequest): string {
  return formToSearch({
    ...EMPTY_FORM,
    endpoint: req.endpoint,
    direction: req.direction,
    ip: req.peer.ip ?? "",
    protocol: String(req.protocol),
    port: req.port === undefined ? "" : String(req.port),
  }).toString();
}
