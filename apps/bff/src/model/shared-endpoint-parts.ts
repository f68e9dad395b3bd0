import type { Endpoint, NamedPort } from "@palisade/calico";
import { SharedValues } from "./shared-values";

/**
 * The parts of workload endpoints that many pods have equal, shared: own labels (pods of one ReplicaSet or
 * DaemonSet carry the same), profile ids (`kns.<ns>`, `ksa.<ns>.<sa>`: one pair per service account) and named ports
 * (one list per pod template). Each pod's endpoint otherwise holds its own copy of each, built from the pod by
 * `workloadEndpointFromPod`: at 42,000 pods that was 12 MB of label maps, 11 MB of profile lists and 9 MB of port
 * lists. The match index only reads these parts, so sharing them changes nothing it computes.
 */
export class SharedEndpointParts {
  private readonly labels = new SharedValues<ReadonlyMap<string, string>>();
  private readonly profiles = new SharedValues<readonly string[]>();
  private readonly ports = new SharedValues<readonly NamedPort[]>();

  /** `ep` with its labels, profiles and named ports replaced by the shared equal ones; release it when replaced. */
  share(ep: Endpoint): Endpoint {
    return {
      ...ep,
      ownLabels: this.labels.acquire(labelsKey(ep.ownLabels), ep.ownLabels),
      profiles: this.profiles.acquire(JSON.stringify(ep.profiles), ep.profiles),
      namedPorts: this.ports.acquire(JSON.stringify(ep.namedPorts), ep.namedPorts),
    };
  }

  /** An endpoint given by {@link share} is no longer held. */
  release(ep: Endpoint): void {
    this.labels.release(labelsKey(ep.ownLabels));
    this.profiles.release(JSON.stringify(ep.profiles));
    this.ports.release(JSON.stringify(ep.namedPorts));
  }
}

function labelsKey(labels: ReadonlyMap<string, string>): string {
  return JSON.stringify([...labels]);
}
