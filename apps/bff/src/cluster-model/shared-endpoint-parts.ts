import type { Endpoint, NamedPort } from "@palisade/calico";
import { WeakIntern } from "../kube/weak-intern";

/**
 * The parts of workload endpoints that many pods have equal, shared: own labels (pods of one ReplicaSet or
 * DaemonSet carry the same), profile ids (`kns.<ns>`, `ksa.<ns>.<sa>`: one pair per service account) and named ports
 * (one list per pod template). Each pod's endpoint otherwise holds its own copy of each, built from the pod by
 * `workloadEndpointFromPod`: at 42,000 pods that was 12 MB of label maps, 11 MB of profile lists and 9 MB of port
 * lists. The match index only reads these parts, so sharing them changes nothing it computes. The tables hold the
 * shared instances weakly, as the cache's projection does (`kube/weak-intern.ts`): a part no endpoint holds any more
 * is forgotten without anyone releasing it.
 */
export class SharedEndpointParts {
  private readonly labels = new WeakIntern<ReadonlyMap<string, string>>();
  private readonly profiles = new WeakIntern<readonly string[]>();
  private readonly ports = new WeakIntern<readonly NamedPort[]>();

  /** `ep` with its labels, profiles and named ports replaced by the shared equal ones. */
  share(ep: Endpoint): Endpoint {
    return {
      ...ep,
      ownLabels: this.labels.intern(JSON.stringify([...ep.ownLabels]), ep.ownLabels),
      profiles: this.profiles.intern(JSON.stringify(ep.profiles), ep.profiles),
      namedPorts: this.ports.intern(JSON.stringify(ep.namedPorts), ep.namedPorts),
    };
  }
}
