/** Starting points for new documents; each is valid as written so the editor opens without markers. */
export interface Template {
  readonly id: string;
  readonly title: string;
  readonly yaml: string;
}

export const TEMPLATES: readonly Template[] = [
  {
    id: "allow-public-ingress",
    title: "Allow ingress to public worker interfaces (GlobalNetworkPolicy)",
    yaml: `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: allow-https-public
spec:
  order: 1800
  selector: ibm.role == 'worker_public'
  types:
    - Ingress
  ingress:
    - action: Allow
      protocol: TCP
      source:
        nets:
          - 203.0.113.0/24
      destination:
        ports:
          - 443
`,
  },
  {
    id: "deny-nodeports",
    title: "Deny NodePorts on public interfaces (pre-DNAT)",
    yaml: `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: deny-nodeports
spec:
  order: 1100
  preDNAT: true
  applyOnForward: true
  selector: ibm.role == 'worker_public'
  types:
    - Ingress
  ingress:
    - action: Deny
      protocol: TCP
      destination:
        ports:
          - 30000:32767
    - action: Deny
      protocol: UDP
      destination:
        ports:
          - 30000:32767
`,
  },
  {
    id: "namespaced-allow",
    title: "Allow traffic between pods of an app (NetworkPolicy)",
    yaml: `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-web-from-frontend
  namespace: default
spec:
  order: 500
  selector: app == 'web'
  types:
    - Ingress
  ingress:
    - action: Allow
      protocol: TCP
      source:
        selector: app == 'frontend'
      destination:
        ports:
          - 8080
`,
  },
  {
    id: "host-endpoint",
    title: "Host endpoint for a worker interface",
    yaml: `apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata:
  name: worker-1-public
  labels:
    ibm.role: worker_public
spec:
  node: worker-1
  interfaceName: eth1
  expectedIPs:
    - 198.51.100.20
`,
  },
  {
    id: "tier",
    title: "Tier with a default action (Pass hands undecided traffic to the next tier)",
    yaml: `apiVersion: projectcalico.org/v3
kind: Tier
metadata:
  name: security
spec:
  order: 100
  defaultAction: Pass
`,
  },
  {
    id: "admin-network-policy",
    title: "AdminNetworkPolicy (evaluated before every Calico default-tier policy)",
    yaml: `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: protect-shop
spec:
  priority: 20
  subject:
    namespaces:
      matchLabels:
        team: shop
  ingress:
    - name: deny-from-dev
      action: Deny
      from:
        - namespaces:
            matchLabels:
              env: dev
    - name: rest-to-namespace-policy
      action: Pass
      from:
        - namespaces: {}
`,
  },
  {
    id: "cluster-network-policy",
    title: "ClusterNetworkPolicy, Baseline tier (Calico 3.32; evaluated after the default tier)",
    yaml: `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: default-deny-shop
spec:
  tier: Baseline
  priority: 50
  subject:
    namespaces:
      matchLabels:
        team: shop
  ingress:
    - name: deny-everything-else
      action: Deny
      from:
        - namespaces: {}
`,
  },
];
