import { ClusterModel } from "../cluster-model/cluster-model";
import { ClusterCache, type ClusterOptions } from "../kube/cluster-cache";

/** One cluster as the views see it: its cache, and the match index built on that cache. */
export class Cluster extends ClusterCache {
  /** The match index, kept current by every cache change (subscribed first, so it is current for later listeners). */
  readonly model = new ClusterModel();

  constructor(options: ClusterOptions) {
    super(options);
    this.onCacheChange(({ type, action, object }) => this.model.apply(type.resource, action, object));
  }
}
