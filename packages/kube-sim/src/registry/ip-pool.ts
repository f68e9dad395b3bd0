import type { KubeObject } from "../api/object";
import { CALICO_GROUP, type CalicoStorage } from "./calico-crds";

/**
 * IPPool, the ranges Calico's IPAM hands pod addresses from. Its CRD is the classic one Calico v3.31 ships
 * (`crd.projectcalico.org_ippools.yaml`, without descriptions), served in the storage's group; Palisade only reads it.
 */
export function ipPoolCrd(storage: CalicoStorage): KubeObject {
  const { group, version } = CALICO_GROUP[storage];
  const str = { type: "string" };
  const bool = { type: "boolean" };
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `ippools.${group}` },
    spec: {
      group,
      names: { kind: "IPPool", listKind: "IPPoolList", plural: "ippools", singular: "ippool" },
      preserveUnknownFields: false,
      scope: "Cluster",
      versions: [
        {
          name: version,
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: {
                apiVersion: str,
                kind: str,
                metadata: { type: "object" },
                spec: {
                  type: "object",
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
              },
            },
          },
        },
      ],
    },
  };
}

/** The pod address pool of an IBM Cloud classic cluster: Calico's default IPv4 pool on IBM's pod subnet, IP-in-IP. */
export function ibmIPPool(storage: CalicoStorage): KubeObject {
  const { group, version } = CALICO_GROUP[storage];
  return {
    apiVersion: `${group}/${version}`,
    kind: "IPPool",
    metadata: { name: "default-ipv4-ippool" },
    spec: {
      cidr: "172.30.0.0/16",
      blockSize: 26,
      ipipMode: "Always",
      vxlanMode: "Never",
      natOutgoing: true,
      nodeSelector: "all()",
    },
  };
}
