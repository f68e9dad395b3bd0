import { ClusterModel } from "../cluster-model/cluster-model";
import { ClusterFlows, type FlowsConfig } from "../flows/cluster-flows";
import { DEFAULT_FLOW_CAPACITY } from "../flows/flow-store";
import { ClusterCache, type ClusterOptions } from "../kube/cluster-cache";

/** Flows held when nothing is configured: the default ring, and Goldmane with no client certificate. */
const DEFAULT_FLOWS: FlowsConfig = { capacity: DEFAULT_FLOW_CAPACITY, goldmane: {} };

/** One cluster as the views see it: its cache, the match index built on that cache, and its flows. */
export class Cluster extends ClusterCache {
  /** The match index, kept current by every cache change (subscribed first, so it is current for later listeners). */
  readonly model = new ClusterModel();
  readonly flows: ClusterFlows;

  constructor(options: ClusterOptions & { readonly flows?: FlowsConfig | undefined }) {
    super(options);
    this.onCacheChange(({ type, action, object }) => this.model.apply(type.resource, action, object));
    this.flows = new ClusterFlows(this, options.flows ?? DEFAULT_FLOWS);
  }

  override start(): void {
    super.start();
    this.flows.start();
  }

  override stop(): void {
    this.flows.stop();
    super.stop();
  }
}
