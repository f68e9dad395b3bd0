import { ClusterModel } from "../cluster-model/cluster-model";
import { ClusterFlows, type FlowsConfig } from "../flows/cluster-flows";
import { DEFAULT_FLOW_CAPACITY } from "../flows/flow-store";
import { RESOURCES_NAMED_BY_TIER } from "../kube/calico-version";
import { ClusterCache, type ClusterOptions } from "../kube/cluster-cache";

/** Flows held when nothing is configured: the default ring, and Goldmane with no client certificate. */
const DEFAULT_FLOWS: FlowsConfig = { capacity: DEFAULT_FLOW_CAPACITY, goldmane: {} };

/** One cluster as the views see it: its cache, the match index built on that cache, and its flows. */
export class Cluster extends ClusterCache {
  /** The match index, kept current by every cache change (subscribed first, so it is current for later listeners). */
  readonly model = new ClusterModel();
  readonly flows: ClusterFlows;
  /** False until the first lists have ended: the model then takes the cache whole, and each change after. */
  private modelLoaded = false;

  constructor(options: ClusterOptions & { readonly flows?: FlowsConfig | undefined }) {
    super(options);
    // The release is known once discovery has run (the `syncing` status, before any object arrives); where only
    // stored policy names tell it, it can change with them.
    this.onEvent((event) => {
      if (event.type === "status") this.syncRelease();
    });
    this.onCacheChange(({ type, action, object }) => {
      if (!this.modelLoaded) return;
      if (this.ready && RESOURCES_NAMED_BY_TIER.has(type.resource)) this.syncRelease();
      this.model.apply(type.resource, action, object);
    });
    this.flows = new ClusterFlows(this, options.flows ?? DEFAULT_FLOWS);
  }

  protected override firstListsEnded(): void {
    this.modelLoaded = true;
    this.model.setRelease(this.calicoRelease.range);
    this.model.load(
      this.caches().map((c) => c.resource),
      (resource) => this.objects(resource),
    );
    this.generation++;
  }

  private syncRelease(): void {
    // Views computed before are stale when the index changed.
    if (this.model.setRelease(this.calicoRelease.range)) this.generation++;
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
