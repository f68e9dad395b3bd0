import type { KubeObject } from "../api/object";
import { type CalicoStorage, calicoObject, calicoSideCrd } from "./calico-crds";

/**
 * IPPool, the ranges Calico's IPAM hands pod addresses from. Its CRD is the classic one Calico v3.31 ships
 * (`crd.projectcalico.org_ippools.yaml`, without descriptions), served in the storage's group; Palisade only reads it.
 */
export function ipPoolCrd(storage: CalicoStorage): KubeObject {
  const str = { type: "string" };
  const bool = { type: "boolean" };
  return calicoSideCrd(
    storage,
    { kind: "IPPool", plural: "ippools", singular: "ippool" },
    {
      required: ["cidr"],
      properties: {
        allowedUses: { type: "array", items: str },
        assignmentMode: { type: "string", enum: ["Automatic", "Manual"] },
        blockSize: { type: "integer" },
        cidr: str,
        disableBGPExport: bool,
        disabled: bool,
        ipip: { type: "object", properties: { enabled: bool, mode: str } },
        ipipMode: str,
        namespaceSelector: str,
        "nat-outgoing": bool,
        natOutgoing: bool,
        nodeSelector: str,
        vxlanMode: str,
      },
    },
  );
}

/** The pod address pool of an IBM Cloud classic cluster: Calico's default IPv4 pool on IBM's pod subnet, IP-in-IP. */
export function ibmIPPool(storage: CalicoStorage): KubeObject {
  return calicoObject(storage, "IPPool", "default-ipv4-ippool", {
    cidr: "172.30.0.0/16",
    blockSize: 26,
    ipipMode: "Always",
    vxlanMode: "Never",
    natOutgoing: true,
    nodeSelector: "all()",
  });
}
