/**
 * Per-region facts of IBM's isolation sets (IBM-Cloud/kube-samples `calico-policies/`, the commit in
 * `ISOLATION_CATALOG`): the subnets each region's files list, in IBM's order and with IBM's comments. Everything
 * else in the files is the same in every region and lives in the generators (catalog.ts).
 */

export const ISOLATION_REGION_IDS = [
  "au-syd",
  "br-sao",
  "ca-tor",
  "eu-de",
  "eu-es",
  "eu-gb",
  "jp-osa",
  "jp-tok",
  "us-east",
  "us-south",
] as const;
export type IsolationRegionId = (typeof ISOLATION_REGION_IDS)[number];

/** The nets of the optional public services members' egress rules, one list per rule. */
export interface PublicServiceNets {
  /** IBM Cloud Container Registry, TCP 443 and 4443. */
  readonly registry: readonly string[];
  /** IBM Cloud Monitoring, TCP 6443. */
  readonly monitoring: readonly string[];
  /** IBM Log Analysis, TCP 443 and 80. */
  readonly logging: readonly string[];
}

/** The nets of the optional private services members' egress rules, one list per rule. */
export interface PrivateServiceNets {
  /** IBM Cloud Container Registry, TCP 443 and 4443. */
  readonly registry: readonly string[];
  /** IBM Cloud Monitoring ingestion, TCP 6443. */
  readonly monitoringIngest: readonly string[];
  /** IBM Cloud Monitoring API, TCP 443. */
  readonly monitoringApi: readonly string[];
  /** IBM Log Analysis, TCP 80 and 443. */
  readonly logging: readonly string[];
  /** IBM Log Analysis syslog, TCP 514 and 6514. */
  readonly loggingSyslogTcp: readonly string[];
  /** IBM Log Analysis syslog, UDP 514. */
  readonly loggingSyslogUdp: readonly string[];
}

export interface IsolationRegion {
  readonly id: IsolationRegionId;
  /** The region's older name, which IBM's comments still use (and older clusters' node labels may carry). */
  readonly ibmName: string;
  /** The zones whose control plane addresses the files list. */
  readonly zones: readonly string[];
  /** The files also allow the master proxy's address for clusters created more than 3 years ago (10.10.10.1). */
  readonly legacyMasterProxy: boolean;
  /** The private folder has `generic-privatehostendpoint.yaml` (ca-tor's has none). */
  readonly privateHostEndpointTemplate: boolean;
  /** The master's public service endpoint addresses (`public-ips.md`). */
  readonly publicControlPlane: readonly string[];
  /** The master's private service endpoint addresses (`private-ips.md`). */
  readonly privateControlPlane: readonly string[];
  readonly publicServices: PublicServiceNets;
  readonly privateServices: PrivateServiceNets;
  /** IBM Cloud infrastructure subnets that manage the workers over the private network. */
  readonly sysMgmt: readonly string[];
}

// Lists IBM repeats in several regions: the same service endpoints or infrastructure subnets.

// Required nets for all clusters: dal01, dal10, wdc04
const SYS_MGMT_ALL_CLUSTERS: readonly string[] = ["10.0.64.0/19", "10.200.80.0/20", "10.3.160.0/20", "10.201.0.0/20"];

// IBM Cloud Container Registry: Global registry
const PUBLIC_REGISTRY_GLOBAL: readonly string[] = [
  "169.60.98.80/29",
  "169.62.37.240/29",
  "169.63.104.232/29",
  "169.47.153.160/28",
  "103.41.69.127/32",
  "103.41.69.114/32",
  "103.41.69.115/32",
];

// IBM Cloud Container Registry: Global (US East) registry subnets
const PRIVATE_REGISTRY_GLOBAL: readonly string[] = ["166.9.251.49/32", "166.9.251.82/32", "166.9.251.113/32"];

// IBM Log Analysis with LogDNA: US South nets
const PUBLIC_LOGGING_US_SOUTH: readonly string[] = [
  "169.47.224.74/32",
  "169.47.224.77/32",
  "169.48.237.107/32",
  "169.48.237.109/32",
  "169.60.166.44/32",
  "169.60.166.45/32",
];

// IBM Log Analysis with LogDNA: US South nets
const PRIVATE_SYSLOG_TCP_US_SOUTH: readonly string[] = ["166.9.12.15/32", "166.9.14.5/32", "166.9.16.14/32"];

// IBM Log Analysis with LogDNA: US South nets
const PRIVATE_SYSLOG_UDP_US_SOUTH: readonly string[] = ["166.9.12.16/32", "166.9.14.6/32", "166.9.16.15/32"];

// IBM Log Analysis with LogDNA: US East nets
const PUBLIC_LOGGING_US_EAST: readonly string[] = [
  "169.47.43.67/32",
  "169.47.52.83/32",
  "169.60.95.75/32",
  "169.61.65.235/32",
  "169.62.55.212/32",
  "169.63.163.51/32",
];

// Nets for EU Central zones
const SYS_MGMT_EU_CENTRAL: readonly string[] = [
  "10.3.128.0/20", // ams03
  "10.3.80.0/20", // fra02
  "10.201.112.0/20", // fra04
  "10.201.128.0/20", // fra05
  "10.3.144.0/20", // mil01
  "10.2.144.0/20", // par01
  "10.200.96.0/20", // osl01
];

// IBM Cloud Container Registry: EU Central nets for your own registry
const PUBLIC_REGISTRY_EU_CENTRAL: readonly string[] = [
  "149.81.79.152/29",
  "161.156.93.16/29",
  "169.50.58.104/29",
  "103.41.70.147/32",
  "103.41.70.149/32",
  "103.41.70.150/32",
  "103.41.70.153/32",
  "103.41.70.154/32",
  "103.41.70.156/32",
];

// IBM Cloud Monitoring with Sysdig: eu-de
// Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints
const PUBLIC_MONITORING_EU_DE: readonly string[] = ["149.81.77.78/32", "161.156.102.206/32", "159.122.102.38/32"];

// backup pools IBM Cloud Monitoring with Sysdig: EU Central nets
const PUBLIC_MONITORING_EU_CENTRAL_BACKUP: readonly string[] = [
  "149.81.96.226/32",
  "149.81.96.229/32",
  "158.177.136.58/32",
  "158.177.136.59/32",
  "161.156.75.98/32",
  "161.156.75.99/32",
];

// IBM Log Analysis with LogDNA: EU Central nets
const PUBLIC_LOGGING_EU_CENTRAL: readonly string[] = [
  "149.81.86.66/32",
  "149.81.86.68/32",
  "158.177.129.34/32",
  "158.177.129.36/32",
  "161.156.89.11/32",
  "161.156.89.12/32",
];

// New IP addresses added on 1/19/2023
const PUBLIC_LOGGING_EU_CENTRAL_2023: readonly string[] = [
  "158.177.133.235/32",
  "161.156.28.220/32",
  "149.81.169.206/32",
];

// IBM Cloud Container Registry: EU Central registry subnets
const PRIVATE_REGISTRY_EU_CENTRAL: readonly string[] = ["166.9.248.76/32", "166.9.248.105/32", "166.9.248.136/32"];

// IBM Log Analysis with LogDNA: eu-de
// Taken from: https://cloud.ibm.com/docs/log-analysis?topic=log-analysis-endpoints
const PRIVATE_LOGGING_EU_DE: readonly string[] = [
  "166.9.28.2/32",
  "166.9.28.3/32",
  "166.9.30.231/32",
  "166.9.30.238/32",
  "166.9.32.21/32",
  "166.9.32.7/32",
];

// New IP addresses added on 1/20/2023
const PRIVATE_LOGGING_EU_DE_2023: readonly string[] = ["166.9.30.45/32", "166.9.28.159/32", "166.9.32.117/32"];

// IBM Log Analysis with LogDNA: AP North nets
const PUBLIC_LOGGING_AP_NORTH: readonly string[] = [
  "128.168.70.51/32",
  "128.168.70.53/32",
  "161.202.67.2/32",
  "161.202.93.253/32",
  "165.192.69.122/32",
  "165.192.71.226/32",
  "169.38.128.164/32",
  "169.38.82.170/32",
  "169.56.70.102/32",
  "169.56.70.98/32",
];

// IBM Log Analysis with LogDNA: JP Tok nets
const PRIVATE_SYSLOG_TCP_JP_TOK: readonly string[] = [
  "166.9.40.23/32",
  "166.9.42.26/32",
  "166.9.46.8/32",
  "166.9.60.9/32",
];

// IBM Log Analysis with LogDNA: JP Tok nets
const PRIVATE_SYSLOG_UDP_JP_TOK: readonly string[] = [
  "166.9.40.24/32",
  "166.9.42.27/32",
  "166.9.46.9/32",
  "166.9.60.10/32",
];

// IBM Cloud Container Registry: US South & US East nets for your own registry
const PUBLIC_REGISTRY_US: readonly string[] = [
  "169.61.46.80/29",
  "169.61.135.160/29",
  "169.61.234.224/29",
  "103.41.70.137/32",
  "103.41.70.138/32",
  "103.41.70.140/32",
  "103.41.70.145/32",
  "103.41.70.146/32",
  "103.41.70.148/32",
];

// IBM Cloud Container Registry: US South registry subnets
const PRIVATE_REGISTRY_US_SOUTH: readonly string[] = ["166.9.250.214/32", "166.9.250.246/32", "166.9.251.21/32"];

export const ISOLATION_REGIONS: Readonly<Record<IsolationRegionId, IsolationRegion>> = {
  "au-syd": {
    id: "au-syd",
    ibmName: "ap-south",
    zones: ["syd01", "syd04", "syd05"],
    legacyMasterProxy: true,
    privateHostEndpointTemplate: true,
    publicControlPlane: [
      "104.94.220.125/32",
      "104.94.221.125/32",
      "104.94.222.133/32",
      "104.94.223.133/32",
      "104.96.176.125/32",
      "104.96.177.125/32",
      "104.96.178.127/32",
      "104.96.179.127/32",
      "104.96.180.124/32",
      "104.96.181.124/32",
      "130.198.64.19/32",
      "130.198.66.26/32",
      "130.198.79.170/32",
      "130.198.83.34/32",
      "130.198.102.82/32",
      "135.90.66.2/32",
      "135.90.68.114/32",
      "135.90.69.66/32",
      "135.90.69.82/32",
      "135.90.89.234/32",
      "168.1.6.106/32",
      "168.1.8.195/32",
      "168.1.12.98/32",
      "168.1.39.34/32",
      "168.1.58.66/32",
    ],
    privateControlPlane: [
      "166.9.52.14/32",
      "166.9.52.15/32",
      "166.9.52.22/32",
      "166.9.52.23/32",
      "166.9.52.28/32",
      "166.9.52.30/32",
      "166.9.52.31/32",
      "166.9.52.32/32",
      "166.9.54.11/32",
      "166.9.54.13/32",
      "166.9.54.20/32",
      "166.9.54.21/32",
      "166.9.54.31/32",
      "166.9.54.32/32",
      "166.9.54.33/32",
      "166.9.54.34/32",
      "166.9.56.10/32",
      "166.9.56.11/32",
      "166.9.56.15/32",
      "166.9.56.16/32",
      "166.9.56.24/32",
      "166.9.56.33/32",
      "166.9.56.35/32",
      "166.9.56.36/32",
      "166.9.244.107/32",
      "166.9.244.137/32",
      "166.9.244.171/32",
    ],
    publicServices: {
      registry: [
        ...PUBLIC_REGISTRY_GLOBAL,
        // IBM Cloud Container Registry: AP South nets for your own registry
        "168.1.1.240/29",
        "130.198.88.128/29",
        "135.90.66.48/29",
        "103.41.70.135/32",
        "103.41.70.139/32",
        "103.41.70.141/32",
        "103.41.70.142/32",
        "103.41.70.157/32",
        "103.41.70.158/32",
      ],
      monitoring: [
        // IBM Cloud Monitoring with Sysdig: au-syd
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints
        "135.90.73.100/32",
        "130.198.80.155/32",
        "168.1.213.78/32",
        // backup pools IBM Cloud Monitoring with Sysdig: AU Syd nets
        "130.198.79.42/32",
        "130.198.89.46/32",
        "135.90.70.74/32",
        "135.90.70.77/32",
        "168.1.30.131/32",
        "168.1.38.93/32",
      ],
      logging: [
        // IBM Log Analysis with LogDNA: AU Syd nets
        "130.198.89.43/32",
        "130.198.89.45/32",
        "135.90.67.187/32",
        "135.90.70.75/32",
        "168.1.38.90/32",
        "168.1.38.92/32",
        // New IP Addresses added on 1/13/2023
        "135.90.92.246/32",
        "130.198.1.212/32",
        "135.90.89.221/32",
        // End new IP address list
        // CIDR Blocks added on 7/26/2023
        "130.198.83.0/27",
        "130.198.92.144/28",
        "135.90.82.32/27",
        "135.90.90.240/28",
        "168.1.31.192/27",
        "168.1.40.48/28",
        // End CIDR Blocks
      ],
    },
    privateServices: {
      registry: [
        ...PRIVATE_REGISTRY_GLOBAL,
        // IBM Cloud Container Registry: AP South registry subnets
        "166.9.244.106/32",
        "166.9.244.136/32",
        "166.9.244.170/32",
      ],
      monitoringIngest: [
        // IBM Cloud Monitoring ingest: au-syd
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_ingestion_private
        "166.9.52.27/32",
        "166.9.54.27/32",
        "166.9.56.32/32",
        "166.9.244.121/32",
        "166.9.244.153/32",
        "166.9.244.185/32",
      ],
      monitoringApi: [
        // IBM Cloud Monitoring API: au-syd
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_rest_api
        "166.9.244.114/32",
        "166.9.244.144/32",
        "166.9.244.177/32",
        "166.9.244.121/32",
        "166.9.244.153/32",
        "166.9.244.185/32",
      ],
      logging: [
        // IBM Log Analysis with LogDNA: au-syd
        // Taken from: https://cloud.ibm.com/docs/log-analysis?topic=log-analysis-endpoints
        "166.9.52.2/32",
        "166.9.52.5/32",
        "166.9.56.3/32",
        "166.9.56.20/32",
        // New IP addresses added on 1/20/2023
        "166.9.56.79/32",
        "166.9.52.82/32",
        "166.9.54.129/32",
        // New IP addresses added on 10/19/2023
        "166.9.244.111/32",
        "166.9.244.141/32",
        "166.9.244.175/32",
        // End new IP address list
      ],
      loggingSyslogTcp: [
        // IBM Log Analysis with LogDNA: AU Syd nets
        "166.9.56.22/32",
        "166.9.52.8/32",
      ],
      loggingSyslogUdp: [
        // IBM Log Analysis with LogDNA: AU Syd nets
        "166.9.56.23/32",
        "166.9.52.9/32",
      ],
    },
    sysMgmt: [
      ...SYS_MGMT_ALL_CLUSTERS,
      // Nets for AP South zones
      "10.3.96.0/20", // syd01
      "10.201.16.0/20", // syd04
      "10.202.16.0/20", // syd05
    ],
  },
  "br-sao": {
    id: "br-sao",
    ibmName: "br-sao",
    zones: ["sao01", "sao04", "sao05"],
    legacyMasterProxy: false,
    privateHostEndpointTemplate: true,
    publicControlPlane: [
      "104.94.220.129/32",
      "104.94.221.129/32",
      "104.94.222.137/32",
      "104.94.223.137/32",
      "104.96.176.129/32",
      "104.96.177.129/32",
      "104.96.178.131/32",
      "104.96.179.131/32",
      "104.96.180.128/32",
      "104.96.181.128/32",
      "163.107.65.74/32",
      "163.107.65.194/32",
      "163.107.65.202/32",
      "163.109.65.146/32",
      "163.109.65.154/32",
      "163.109.65.242/32",
      "169.57.159.130/32",
      "169.57.161.130/32",
      "169.57.254.50/32",
    ],
    privateControlPlane: [
      "166.9.82.3/32",
      "166.9.82.4/32",
      "166.9.82.6/32",
      "166.9.82.7/32",
      "166.9.82.8/32",
      "166.9.82.9/32",
      "166.9.83.3/32",
      "166.9.83.4/32",
      "166.9.83.6/32",
      "166.9.83.7/32",
      "166.9.83.8/32",
      "166.9.83.9/32",
      "166.9.84.3/32",
      "166.9.84.4/32",
      "166.9.84.6/32",
      "166.9.84.7/32",
      "166.9.84.8/32",
      "166.9.84.9/32",
      "166.9.246.74/32",
      "166.9.246.106/32",
      "166.9.246.132/32",
    ],
    publicServices: {
      registry: [
        ...PUBLIC_REGISTRY_GLOBAL,
        // IBM Cloud Container Registry: US South, US East, and São Paulo nets for your own registry
        "163.107.68.16/29",
        "163.109.67.96/29",
        "169.57.158.16/29",
        "169.61.46.80/29",
        "169.61.135.160/29",
        "169.61.234.224/29",
        "103.41.69.118/32",
        "103.41.69.122/32",
        "103.41.69.124/32",
        "103.41.70.140/32",
        "103.41.70.138/32",
        "103.41.70.137/32",
        "103.41.70.148/32",
        "103.41.70.146/32",
        "103.41.70.145/32",
      ],
      monitoring: [
        // IBM Cloud Monitoring with Sysdig: br-sao
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints
        "163.107.66.98/32",
        "163.109.67.242/32",
        "169.57.141.43/32",
        // IBM Cloud Monitoring with Sysdig: US South nets
        "169.46.0.70/32",
        "169.47.102.30/32",
        "169.47.227.243/32",
        "169.48.214.70/32",
        "169.60.151.174/32",
        "169.62.255.114/32",
        "169.62.255.116/32",
      ],
      logging: [
        ...PUBLIC_LOGGING_US_SOUTH,
        // New IP addresses added on 1/20/2023
        "163.107.67.3/32",
        "163.107.68.196/32",
        "163.109.68.98/32",
        // End new IP address list
        // CIDR Blocks added on 7/26/2023
        "163.107.65.208/28",
        "163.107.74.32/27",
        "163.109.67.224/28",
        "163.109.74.0/27",
        "169.57.178.32/27",
        "169.57.222.224/28",
        // End CIDR Blocks
      ],
    },
    privateServices: {
      registry: [
        ...PRIVATE_REGISTRY_GLOBAL,
        // IBM Cloud Container Registry: US South and São Paulo subnets
        "166.9.250.214/32",
        "166.9.250.246/32",
        "166.9.251.21/32",
        "166.9.246.72/32",
        "166.9.246.104/32",
        "166.9.246.130/32",
      ],
      monitoringIngest: [
        // IBM Cloud Monitoring ingest: br-sao
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_ingestion_private
        "166.9.82.19/32",
        "166.9.83.18/32",
        "166.9.84.19/32",
        "166.9.246.87/32",
        "166.9.246.120/32",
        "166.9.246.144/32",
      ],
      monitoringApi: [
        // IBM Cloud Monitoring API: br-sao
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_rest_api
        "166.9.246.77/32",
        "166.9.246.108/32",
        "166.9.246.133/32",
        "166.9.246.87/32",
        "166.9.246.120/32",
        "166.9.246.144/32",
      ],
      logging: [
        // IBM Log Analysis with LogDNA: br-sao
        // Taken from: https://cloud.ibm.com/docs/log-analysis?topic=log-analysis-endpoints
        "166.9.82.23/32",
        "166.9.82.25/32",
        "166.9.83.24/32",
        "166.9.83.25/32",
        "166.9.84.25/32",
        "166.9.84.27/32",
        // New IPs added on 1/20/2023
        "166.9.83.12/32",
        "166.9.82.12/32",
        "166.9.84.12/32",
        // New IP addresses added on 10/19/2023
        "166.9.246.105/32",
        "166.9.246.156/32",
        "166.9.246.75/32",
        // End New IP list
      ],
      loggingSyslogTcp: [...PRIVATE_SYSLOG_TCP_US_SOUTH],
      loggingSyslogUdp: [...PRIVATE_SYSLOG_UDP_US_SOUTH],
    },
    sysMgmt: [
      ...SYS_MGMT_ALL_CLUSTERS,
      // Nets for São Paulo zones: sao01, sao04, sao05
      "10.200.0.0/20",
      "10.202.208.0/20",
      "10.202.240.0/20",
    ],
  },
  "ca-tor": {
    id: "ca-tor",
    ibmName: "ca-tor",
    zones: ["tor01", "tor04", "tor05"],
    legacyMasterProxy: false,
    privateHostEndpointTemplate: false,
    publicControlPlane: [
      "104.94.220.132/32",
      "104.94.221.132/32",
      "104.94.222.140/32",
      "104.94.223.140/32",
      "104.96.176.132/32",
      "104.96.177.132/32",
      "104.96.178.134/32",
      "104.96.179.134/32",
      "104.96.180.131/32",
      "104.96.181.131/32",
      "158.85.65.194/32",
      "158.85.77.114/32",
      "158.85.110.18/32",
      "163.74.65.18/32",
      "163.74.65.242/32",
      "163.74.65.250/32",
      "163.75.64.114/32",
      "163.75.64.122/32",
      "163.75.64.162/32",
    ],
    privateControlPlane: [
      "166.9.76.3/32",
      "166.9.76.4/32",
      "166.9.76.5/32",
      "166.9.76.6/32",
      "166.9.76.7/32",
      "166.9.76.8/32",
      "166.9.77.3/32",
      "166.9.77.4/32",
      "166.9.77.5/32",
      "166.9.77.6/32",
      "166.9.77.7/32",
      "166.9.77.8/32",
      "166.9.78.3/32",
      "166.9.78.4/32",
      "166.9.78.5/32",
      "166.9.78.6/32",
      "166.9.78.7/32",
      "166.9.78.8/32",
      "166.9.247.139/32",
      "166.9.247.172/32",
      "166.9.247.209/32",
    ],
    publicServices: {
      registry: [
        ...PUBLIC_REGISTRY_GLOBAL,
        // IBM Cloud Container Registry: US South, US East, Toronto nets for your own registry
        "158.85.100.0/29",
        "163.74.65.192/29",
        "163.75.66.88/29",
        "169.61.46.80/29",
        "169.61.135.160/29",
        "169.61.234.224/29",
        "103.41.69.117/32",
        "103.41.69.121/32",
        "103.41.69.126/32",
        "103.41.70.140/32",
        "103.41.70.138/32",
        "103.41.70.137/32",
        "103.41.70.148/32",
        "103.41.70.146/32",
        "103.41.70.145/32",
      ],
      monitoring: [
        // IBM Cloud Monitoring with Sysdig: ca-tor
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints
        "163.74.69.186/32",
        "158.85.94.130/32",
        "163.75.65.237/32",
        // IBM Cloud Monitoring with Sysdig: US East nets
        "169.47.136.237/32",
        "169.47.35.174/32",
        "169.55.109.114/32",
        "169.60.112.74/32",
        "169.61.109.59/32",
        "169.61.65.234/32",
        "169.62.3.82/32",
        "169.63.158.254/32",
        "169.63.163.50/32",
      ],
      logging: [
        ...PUBLIC_LOGGING_US_EAST,
        // New IP addresses added on 1/19/2023
        "169.53.161.75/32",
        "163.74.65.133/32",
        "163.75.73.42/32",
        // End new IP addresses
        // CIDR Blocks added on 7/26/2023
        "163.74.71.224/27",
        "163.75.69.160/28",
        "163.75.75.128/27",
        "169.53.180.32/28",
        "169.55.136.192/27",
        // End CIDR Blocks
      ],
    },
    privateServices: {
      registry: [
        ...PRIVATE_REGISTRY_GLOBAL,
        // IBM Cloud Container Registry: US South, Toronto subnets
        "166.9.250.214/32",
        "166.9.250.246/32",
        "166.9.251.21/32",
        "166.9.247.143/32",
        "166.9.247.170/32",
        "166.9.247.207/32",
      ],
      monitoringIngest: [
        // IBM Cloud Monitoring ingest: ca-tor
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_ingestion_private
        "166.9.76.23/32",
        "166.9.77.20/32",
        "166.9.78.21/32",
        "166.9.209.13/32",
        "166.9.209.42/32",
        "166.9.209.72/32",
      ],
      monitoringApi: [
        // IBM Cloud Monitoring API: ca-tor
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_rest_api
        "166.9.247.153/32",
        "166.9.247.185/32",
        "166.9.247.205/32",
        "166.9.209.13/32",
        "166.9.209.42/32",
        "166.9.209.72/32",
      ],
      logging: [
        // IBM Log Analysis with LogDNA: ca-tor
        // Taken from: https://cloud.ibm.com/docs/log-analysis?topic=log-analysis-endpoints
        "166.9.76.26/32",
        "166.9.76.29/32",
        "166.9.77.23/32",
        "166.9.77.26/32",
        "166.9.78.24/32",
        // New IPs added on 1/20/2023
        "166.9.78.10/32",
        "166.9.76.10/32",
        "166.9.77.10/32",
        // New IP addresses added on 10/19/2023
        "166.9.247.151/32",
        "166.9.247.182/32",
        "166.9.247.201/32",
        // End New IP list
      ],
      loggingSyslogTcp: [
        // IBM Log Analysis with LogDNA: US East nets
        "166.9.20.76/32",
        "166.9.22.38/32",
      ],
      loggingSyslogUdp: [
        // IBM Log Analysis with LogDNA: US East nets
        "166.9.20.77/32",
        "166.9.22.39/32",
      ],
    },
    sysMgmt: [
      ...SYS_MGMT_ALL_CLUSTERS,
      // Nets for Toronto zones
      "10.2.48.0/20", // tor01
      "10.202.176.0/20", // tor04
      "10.202.192.0/20", // tor05
    ],
  },
  "eu-de": {
    id: "eu-de",
    ibmName: "eu-central",
    zones: ["ams03", "mil01", "par01", "fra02", "fra04", "fra05"],
    legacyMasterProxy: true,
    privateHostEndpointTemplate: true,
    publicControlPlane: [
      "104.94.220.127/32",
      "104.94.221.127/32",
      "104.94.222.135/32",
      "104.94.223.135/32",
      "104.96.176.127/32",
      "104.96.177.127/32",
      "104.96.178.129/32",
      "104.96.179.129/32",
      "104.96.180.126/32",
      "104.96.181.126/32",
      "149.81.68.2/32",
      "149.81.78.114/32",
      "149.81.103.98/32",
      "149.81.104.122/32",
      "149.81.113.154/32",
      "149.81.123.18/32",
      "149.81.142.90/32",
      "149.81.180.114/32",
      "149.81.180.122/32",
      "158.177.79.34/32",
      "158.177.102.162/32",
      "158.177.107.50/32",
      "158.177.112.146/32",
      "158.177.138.138/32",
      "158.177.151.2/32",
      "158.177.156.178/32",
      "158.177.198.138/32",
      "159.8.79.250/32",
      "159.8.86.149/32",
      "159.8.95.34/32",
      "161.156.12.82/32",
      "161.156.65.42/32",
      "161.156.65.82/32",
      "161.156.74.10/32",
      "161.156.79.26/32",
      "161.156.115.138/32",
      "161.156.120.74/32",
      "161.156.183.218/32",
      "161.156.187.226/32",
      "169.50.56.174/32",
      "169.50.146.82/32",
      "169.50.169.110/32",
      "169.50.184.18/32",
    ],
    privateControlPlane: [
      "166.9.28.17/32",
      "166.9.28.19/32",
      "166.9.28.23/32",
      "166.9.28.24/32",
      "166.9.28.42/32",
      "166.9.28.43/32",
      "166.9.28.59/32",
      "166.9.28.64/32",
      "166.9.28.84/32",
      "166.9.28.87/32",
      "166.9.28.91/32",
      "166.9.28.92/32",
      "166.9.28.93/32",
      "166.9.28.94/32",
      "166.9.28.95/32",
      "166.9.28.107/32",
      "166.9.28.112/32",
      "166.9.28.137/32",
      "166.9.28.165/32",
      "166.9.28.203/32",
      "166.9.28.233/32",
      "166.9.28.240/32",
      "166.9.30.9/32",
      "166.9.30.13/32",
      "166.9.30.21/32",
      "166.9.30.22/32",
      "166.9.30.41/32",
      "166.9.30.43/32",
      "166.9.30.54/32",
      "166.9.30.55/32",
      "166.9.30.56/32",
      "166.9.30.57/32",
      "166.9.30.92/32",
      "166.9.30.99/32",
      "166.9.30.100/32",
      "166.9.30.116/32",
      "166.9.30.118/32",
      "166.9.30.135/32",
      "166.9.30.154/32",
      "166.9.32.9/32",
      "166.9.32.19/32",
      "166.9.32.20/32",
      "166.9.32.26/32",
      "166.9.32.44/32",
      "166.9.32.45/32",
      "166.9.32.53/32",
      "166.9.32.54/32",
      "166.9.32.55/32",
      "166.9.32.56/32",
      "166.9.32.84/32",
      "166.9.32.85/32",
      "166.9.32.87/32",
      "166.9.32.88/32",
      "166.9.32.101/32",
      "166.9.32.125/32",
      "166.9.32.185/32",
      "166.9.32.188/32",
      "166.9.248.77/32",
      "166.9.248.106/32",
      "166.9.248.137/32",
    ],
    publicServices: {
      registry: [...PUBLIC_REGISTRY_GLOBAL, ...PUBLIC_REGISTRY_EU_CENTRAL],
      monitoring: [...PUBLIC_MONITORING_EU_DE, ...PUBLIC_MONITORING_EU_CENTRAL_BACKUP],
      logging: [
        ...PUBLIC_LOGGING_EU_CENTRAL,
        ...PUBLIC_LOGGING_EU_CENTRAL_2023,
        // End new IP address list
        // CIDR Blocks added on 7/26/2023
        "149.81.103.80/28",
        "149.81.189.192/26",
        "149.81.190.96/27",
        "149.81.197.0/25",
        "158.177.213.0/25",
        "158.177.37.192/26",
        "158.177.76.160/27",
        "161.156.114.96/28",
        "161.156.36.128/26",
        "161.156.36.64/27",
        "161.156.41.0/25",
        // End CIDR Blocks
      ],
    },
    privateServices: {
      registry: [...PRIVATE_REGISTRY_GLOBAL, ...PRIVATE_REGISTRY_EU_CENTRAL],
      monitoringIngest: [
        // IBM Cloud Monitoring ingest: eu-de
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_ingestion_private
        "166.9.28.71/32",
        "166.9.30.53/32",
        "166.9.32.51/32",
        "166.9.209.205/32",
        "166.9.209.227/32",
        "166.9.210.13/32",
      ],
      monitoringApi: [
        // IBM Cloud Monitoring API: eu-de
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_rest_api
        "166.9.248.88/32",
        "166.9.248.120/32",
        "166.9.248.152/32",
        "166.9.209.205/32",
        "166.9.209.227/32",
        "166.9.210.13/32",
      ],
      logging: [
        ...PRIVATE_LOGGING_EU_DE,
        ...PRIVATE_LOGGING_EU_DE_2023,
        // New IP addresses added on 10/30/2023
        "166.9.248.116/32",
        "166.9.248.149/32",
        "166.9.248.85/32",
        // End new IP address list
      ],
      loggingSyslogTcp: [
        // IBM Log Analysis with LogDNA: EU DE nets
        "166.9.28.5/32",
        "166.9.32.23/32",
      ],
      loggingSyslogUdp: [
        // IBM Log Analysis with LogDNA: EU DE nets
        "166.9.28.7/32",
        "166.9.32.24/32",
      ],
    },
    sysMgmt: [
      ...SYS_MGMT_ALL_CLUSTERS,
      // Required net for clusters in Europe: ams01
      "10.2.64.0/20",
      ...SYS_MGMT_EU_CENTRAL,
    ],
  },
  "eu-es": {
    id: "eu-es",
    ibmName: "eu-es",
    zones: ["mad02", "mad04", "mad05"],
    legacyMasterProxy: false,
    privateHostEndpointTemplate: true,
    publicControlPlane: [
      "2.18.48.89/32",
      "2.18.49.89/32",
      "2.18.50.89/32",
      "2.18.51.89/32",
      "2.18.52.89/32",
      "2.18.53.89/32",
      "2.18.54.89/32",
      "2.18.55.89/32",
      "13.120.65.98/32",
      "13.120.127.26/32",
      "13.120.127.250/32",
      "13.121.64.26/32",
      "13.121.64.178/32",
      "13.121.64.186/32",
      "13.122.64.138/32",
      "13.122.65.10/32",
      "13.122.65.34/32",
      "23.7.244.89/32",
      "23.40.100.89/32",
    ],
    privateControlPlane: [
      "166.9.28.61/32",
      "166.9.28.62/32",
      "166.9.30.94/32",
      "166.9.30.105/32",
      "166.9.32.31/32",
      "166.9.32.83/32",
      "166.9.94.4/32",
      "166.9.94.5/32",
      "166.9.94.6/32",
      "166.9.94.7/32",
      "166.9.94.54/32",
      "166.9.94.55/32",
      "166.9.95.4/32",
      "166.9.95.5/32",
      "166.9.95.6/32",
      "166.9.95.7/32",
      "166.9.95.54/32",
      "166.9.95.55/32",
      "166.9.96.4/32",
      "166.9.96.5/32",
      "166.9.96.6/32",
      "166.9.96.7/32",
      "166.9.96.53/32",
      "166.9.96.54/32",
      "166.9.225.3/32",
      "166.9.226.2/32",
      "166.9.227.2/32",
    ],
    publicServices: {
      registry: [...PUBLIC_REGISTRY_GLOBAL, ...PUBLIC_REGISTRY_EU_CENTRAL],
      monitoring: [...PUBLIC_MONITORING_EU_DE, ...PUBLIC_MONITORING_EU_CENTRAL_BACKUP],
      logging: [
        ...PUBLIC_LOGGING_EU_CENTRAL,
        ...PUBLIC_LOGGING_EU_CENTRAL_2023,
        // End new IP address list
      ],
    },
    privateServices: {
      registry: [...PRIVATE_REGISTRY_GLOBAL, ...PRIVATE_REGISTRY_EU_CENTRAL],
      monitoringIngest: [
        // IBM Cloud Monitoring ingest: eu-de
        // The eu-de IPs were put here to support services in the eu-es region which were available before Monitoring was deployed to eu-es
        // The eu-de IPs should be removed from the eu-es policies eventually
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_ingestion_private
        "166.9.28.71/32",
        "166.9.30.53/32",
        "166.9.32.51/32",
        // IBM Cloud Monitoring ingest: eu-es
        "166.9.94.31/32",
        "166.9.95.31/32",
        "166.9.96.31/32",
        "166.9.226.56/32",
        "166.9.227.143/32",
        "166.9.225.35/32",
      ],
      monitoringApi: [
        // IBM Cloud Monitoring API: eu-es
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_rest_api
        "166.9.226.17/32",
        "166.9.227.16/32",
        "166.9.225.16/32",
        "166.9.226.56/32",
        "166.9.227.143/32",
        "166.9.225.35/32",
      ],
      logging: [
        ...PRIVATE_LOGGING_EU_DE,
        ...PRIVATE_LOGGING_EU_DE_2023,
        // IPs for eu-es
        "166.9.94.33/32",
        "166.9.95.35/32",
        "166.9.96.34/32",
        // New IP addresses added on 10/19/2023
        "166.9.225.13/32",
        "166.9.226.14/32",
        "166.9.227.13/32",
        // End new IP address list
      ],
      loggingSyslogTcp: [
        // IBM Log Analysis with LogDNA: EU DE nets
        "166.9.28.5/32",
        "166.9.32.23/32",
      ],
      loggingSyslogUdp: [
        // IBM Log Analysis with LogDNA: EU DE nets
        "166.9.28.7/32",
        "166.9.32.24/32",
      ],
    },
    sysMgmt: [
      ...SYS_MGMT_ALL_CLUSTERS,
      // Required net for clusters in Europe: ams01
      "10.2.64.0/20",
      ...SYS_MGMT_EU_CENTRAL,
    ],
  },
  "eu-gb": {
    id: "eu-gb",
    ibmName: "uk-south",
    zones: ["lon02", "lon04", "lon05", "lon06"],
    legacyMasterProxy: true,
    privateHostEndpointTemplate: true,
    publicControlPlane: [
      "104.94.220.126/32",
      "104.94.221.126/32",
      "104.94.222.134/32",
      "104.94.223.134/32",
      "104.96.176.126/32",
      "104.96.177.126/32",
      "104.96.178.128/32",
      "104.96.179.128/32",
      "104.96.180.125/32",
      "104.96.181.125/32",
      "141.125.66.26/32",
      "141.125.67.34/32",
      "141.125.77.58/32",
      "141.125.91.138/32",
      "141.125.102.106/32",
      "158.175.65.170/32",
      "158.175.77.178/32",
      "158.175.82.50/32",
      "158.175.111.42/32",
      "158.175.125.194/32",
      "158.175.139.130/32",
      "158.175.150.122/32",
      "158.176.71.242/32",
      "158.176.94.26/32",
      "158.176.95.146/32",
      "158.176.123.130/32",
      "158.176.135.242/32",
      "158.176.142.26/32",
      "158.176.149.154/32",
      "159.122.224.242/32",
      "159.122.242.78/32",
    ],
    privateControlPlane: [
      "166.9.34.5/32",
      "166.9.34.6/32",
      "166.9.34.16/32",
      "166.9.34.17/32",
      "166.9.34.41/32",
      "166.9.34.42/32",
      "166.9.34.45/32",
      "166.9.34.49/32",
      "166.9.34.50/32",
      "166.9.34.54/32",
      "166.9.34.76/32",
      "166.9.34.77/32",
      "166.9.36.10/32",
      "166.9.36.11/32",
      "166.9.36.22/32",
      "166.9.36.23/32",
      "166.9.36.30/32",
      "166.9.36.52/32",
      "166.9.36.53/32",
      "166.9.36.54/32",
      "166.9.36.64/32",
      "166.9.36.65/32",
      "166.9.36.95/32",
      "166.9.36.96/32",
      "166.9.38.6/32",
      "166.9.38.7/32",
      "166.9.38.17/32",
      "166.9.38.18/32",
      "166.9.38.28/32",
      "166.9.38.46/32",
      "166.9.38.47/32",
      "166.9.38.50/32",
      "166.9.38.53/32",
      "166.9.38.54/32",
      "166.9.38.75/32",
      "166.9.38.77/32",
      "166.9.244.12/32",
      "166.9.244.48/32",
      "166.9.244.75/32",
    ],
    publicServices: {
      registry: [
        ...PUBLIC_REGISTRY_GLOBAL,
        // IBM Cloud Container Registry: UK South nets for your own registry
        "141.125.71.136/29",
        "158.175.97.184/29",
        "158.176.105.64/29",
        "103.41.70.131/32",
        "103.41.70.133/32",
        "103.41.70.134/32",
      ],
      monitoring: [
        // IBM Cloud Monitoring with Sysdig: eu-gb
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints
        "158.175.98.206/32",
        "141.125.73.118/32",
        "159.122.210.174/32",
        // backup pools IBM Cloud Monitoring with Sysdig: UK South nets
        "141.125.78.188/32",
        "141.125.78.211/32",
        "158.175.125.163/32",
        "158.175.82.235/32",
        "158.176.135.131/32",
        "158.176.85.107/32",
        "169.62.37.240/29",
      ],
      logging: [
        // IBM Log Analysis with LogDNA: EU GB nets
        "141.125.78.186/32",
        "141.125.78.213/32",
        "158.175.125.165/32",
        "158.175.82.238/32",
        "158.176.135.132/32",
        "158.176.135.133/32",
        // New IP addresses added on 1/19/2023
        "158.175.91.91/32",
        "141.125.86.131/32",
        "158.176.142.2/32",
        // End new IP address list
        // CIDR Blocks added on 7/26/2023
        "141.125.139.144/28",
        "141.125.139.160/27",
        "141.125.144.192/26",
        "158.175.167.48/28",
        "158.175.168.32/27",
        "158.176.67.64/26",
        "158.176.89.32/27",
        "161.156.205.0/26",
        // End CIDR Blocks
      ],
    },
    privateServices: {
      registry: [
        ...PRIVATE_REGISTRY_GLOBAL,
        // IBM Cloud Container Registry: UK South registry subnets
        "166.9.244.9/32",
        "166.9.244.45/32",
        "166.9.244.73/32",
      ],
      monitoringIngest: [
        // IBM Cloud Monitoring ingest: eu-gb
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_ingestion_private
        "166.9.34.56/32",
        "166.9.36.71/32",
        "166.9.245.189/32",
        "166.9.245.221/32",
        "166.9.245.253/32",
      ],
      monitoringApi: [
        // IBM Cloud Monitoring API: eu-gb
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_rest_api
        "166.9.244.29/32",
        "166.9.244.59/32",
        "166.9.245.189/32",
        "166.9.245.221/32",
        "166.9.245.253/32",
      ],
      logging: [
        // IBM Log Analysis with LogDNA: eu-gb
        // Taken from: https://cloud.ibm.com/docs/log-analysis?topic=log-analysis-endpoints
        "166.9.34.2/32",
        "166.9.34.4/32",
        "166.9.36.2/32",
        "166.9.36.3/32",
        "166.9.38.4/32",
        "166.9.38.5/32",
        // New IPs added on 1/20/2023
        "166.9.36.105/32",
        "166.9.34.79/32",
        "166.9.38.84/32",
        // New IP addresses added on 10/19/2023
        "166.9.244.22/32",
        "166.9.244.53/32",
        "166.9.244.85/32",
        // End New IP list
      ],
      loggingSyslogTcp: [
        // IBM Log Analysis with LogDNA: EU GB nets
        "166.9.34.18/32",
        "166.9.36.5/32",
        "166.9.38.20/32",
      ],
      loggingSyslogUdp: [
        // IBM Log Analysis with LogDNA: EU GB nets
        "166.9.34.19/32",
        "166.9.36.6/32",
        "166.9.38.21/32",
      ],
    },
    sysMgmt: [
      ...SYS_MGMT_ALL_CLUSTERS,
      // Required net for clusters in Europe: ams01
      "10.2.64.0/20",
      // Nets for UK South zones
      "10.1.208.0/20", // lon02
      "10.201.32.0/20", // lon04
      "10.201.48.0/20", // lon05
      "10.201.64.0/20", // lon06
    ],
  },
  "jp-osa": {
    id: "jp-osa",
    ibmName: "jp-osa",
    zones: ["osa21", "osa22", "osa23"],
    legacyMasterProxy: false,
    privateHostEndpointTemplate: true,
    publicControlPlane: [
      "104.94.220.131/32",
      "104.94.221.131/32",
      "104.94.222.139/32",
      "104.94.223.139/32",
      "104.96.176.131/32",
      "104.96.177.131/32",
      "104.96.178.133/32",
      "104.96.179.133/32",
      "104.96.180.130/32",
      "104.96.181.130/32",
      "163.68.69.2/32",
      "163.68.69.114/32",
      "163.68.69.122/32",
      "163.69.64.250/32",
      "163.69.65.114/32",
      "163.69.65.122/32",
      "163.73.64.250/32",
      "163.73.65.154/32",
      "163.73.65.194/32",
    ],
    privateControlPlane: [
      "166.9.70.2/32",
      "166.9.70.5/32",
      "166.9.70.6/32",
      "166.9.70.7/32",
      "166.9.70.8/32",
      "166.9.70.9/32",
      "166.9.71.2/32",
      "166.9.71.3/32",
      "166.9.71.7/32",
      "166.9.71.8/32",
      "166.9.71.9/32",
      "166.9.71.10/32",
      "166.9.72.2/32",
      "166.9.72.3/32",
      "166.9.72.5/32",
      "166.9.72.8/32",
      "166.9.72.9/32",
      "166.9.72.10/32",
      "166.9.247.41/32",
      "166.9.247.75/32",
      "166.9.247.107/32",
    ],
    publicServices: {
      registry: [
        ...PUBLIC_REGISTRY_GLOBAL,
        // IBM Cloud Container Registry: AP North, Osaka, AP South nets for your own registry
        "163.68.67.32/28",
        "163.69.67.0/28",
        "163.73.67.64/28",
        "128.168.71.64/29",
        "161.202.146.80/29",
        "165.192.71.216/29",
        "130.198.88.128/29",
        "135.90.66.48/29",
        "168.1.1.240/29",
        "103.41.69.116/32",
        "103.41.69.120/32",
        "103.41.70.159/32",
        "103.41.70.143/32",
        "103.41.70.151/32",
        "103.41.70.155/32",
        "103.41.70.135/32",
        "103.41.70.139/32",
        "103.41.70.141/32",
        "103.41.70.142/32",
        "103.41.70.157/32",
        "103.41.70.158/32",
      ],
      monitoring: [
        // IBM Cloud Monitoring with Sysdig: jp-osa
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints
        "163.68.67.98/32",
        "163.69.66.170/32",
        "163.73.67.180/32",
        // backup pools IBM Cloud Monitoring with Sysdig: AP North nets
        "128.168.75.14/32",
        "128.168.91.236/32",
        "128.168.91.238/32",
        "161.202.93.250/32",
        "161.202.93.252/32",
        "165.192.69.125/32",
        "165.192.71.227/32",
        "165.192.84.14/32",
        "169.38.128.166/32",
        "169.38.82.173/32",
        "169.56.51.238/32",
        "169.56.80.178/32",
        "169.56.80.182/32",
      ],
      logging: [
        ...PUBLIC_LOGGING_AP_NORTH,
        // New IP addresses added on 1/19/2023
        "163.68.75.68/32",
        "163.69.70.155/32",
        "163.73.70.118/32",
        // End new IP address list
        // CIDR Blocks added on 7/26/2023
        "163.68.68.160/27",
        "163.68.73.240/28",
        "163.69.68.48/28",
        "163.69.72.96/27",
        "163.73.65.176/28",
        "163.73.72.0/27",
        // End CIDR Blocks
      ],
    },
    privateServices: {
      registry: [
        // IBM Cloud Container Registry: Global (US East) registry subnets
        "166.9.251.82/32",
        "166.9.251.49/32",
        "166.9.251.113/32",
        // IBM Cloud Container Registry: Osaka, AP North, AP South registry subnets
        "166.9.247.39/32",
        "166.9.247.73/32",
        "166.9.247.105/32",
        "166.9.249.104/32",
        "166.9.249.157/32",
        "166.9.249.168/32",
        "166.9.244.106/32",
        "166.9.244.136/32",
        "166.9.244.170/32",
      ],
      monitoringIngest: [
        // IBM Cloud Monitoring ingest: jp-osa
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_ingestion_private
        "166.9.70.14/32",
        "166.9.71.15/32",
        "166.9.72.14/32",
        "166.9.247.59/32",
        "166.9.247.89/32",
        "166.9.247.123/32",
      ],
      monitoringApi: [
        // IBM Cloud Monitoring API: jp-osa
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_rest_api
        "166.9.247.44/32",
        "166.9.247.77/32",
        "166.9.247.109/32",
        "166.9.247.59/32",
        "166.9.247.89/32",
        "166.9.247.123/32",
      ],
      logging: [
        // IBM Log Analysis with LogDNA: jp-osa
        // Taken from: https://cloud.ibm.com/docs/log-analysis?topic=log-analysis-endpoints
        "166.9.70.19/32",
        "166.9.70.21/32",
        "166.9.71.20/32",
        "166.9.71.21/32",
        "166.9.72.19/32",
        "166.9.72.21/32",
        // New IPs added on 1/20/2023
        "166.9.70.13/32",
        "166.9.71.14/32",
        "166.9.72.13/32",
        // New IP addresses added on 10/19/2023
        "166.9.247.106/32",
        "166.9.247.37/32",
        "166.9.247.72/32",
        // End New IP list
      ],
      loggingSyslogTcp: [...PRIVATE_SYSLOG_TCP_JP_TOK],
      loggingSyslogUdp: [...PRIVATE_SYSLOG_UDP_JP_TOK],
    },
    sysMgmt: [
      ...SYS_MGMT_ALL_CLUSTERS,
      // Nets for Osaka zones
      "10.202.112.0/20", // osa21
      "10.202.144.0/20", // osa22
      "10.202.160.0/20", // osa23
    ],
  },
  "jp-tok": {
    id: "jp-tok",
    ibmName: "ap-north",
    zones: ["che01", "sng01", "tok02", "tok04", "tok05"],
    legacyMasterProxy: true,
    privateHostEndpointTemplate: true,
    publicControlPlane: [
      "104.94.220.124/32",
      "104.94.221.124/32",
      "104.94.222.132/32",
      "104.94.223.132/32",
      "104.96.176.124/32",
      "104.96.177.124/32",
      "104.96.178.126/32",
      "104.96.179.126/32",
      "104.96.180.123/32",
      "104.96.181.123/32",
      "119.81.194.90/32",
      "119.81.222.210/32",
      "128.168.71.117/32",
      "128.168.75.194/32",
      "128.168.85.154/32",
      "128.168.106.194/32",
      "161.202.126.210/32",
      "161.202.154.10/32",
      "161.202.186.226/32",
      "165.192.69.69/32",
      "165.192.80.146/32",
      "165.192.83.202/32",
      "165.192.95.90/32",
      "169.38.68.178/32",
      "169.38.70.10/32",
      "169.38.79.170/32",
      "169.56.1.162/32",
      "169.56.48.114/32",
    ],
    privateControlPlane: [
      "166.9.40.6/32",
      "166.9.40.7/32",
      "166.9.40.8/32",
      "166.9.40.21/32",
      "166.9.40.22/32",
      "166.9.40.38/32",
      "166.9.40.39/32",
      "166.9.40.88/32",
      "166.9.40.89/32",
      "166.9.40.102/32",
      "166.9.42.6/32",
      "166.9.42.23/32",
      "166.9.42.24/32",
      "166.9.42.28/32",
      "166.9.42.54/32",
      "166.9.42.55/32",
      "166.9.42.97/32",
      "166.9.42.98/32",
      "166.9.44.4/32",
      "166.9.44.15/32",
      "166.9.44.16/32",
      "166.9.44.46/32",
      "166.9.44.47/32",
      "166.9.44.88/32",
      "166.9.44.89/32",
      "166.9.60.2/32",
      "166.9.60.4/32",
      "166.9.249.106/32",
      "166.9.249.136/32",
      "166.9.249.170/32",
    ],
    publicServices: {
      registry: [
        ...PUBLIC_REGISTRY_GLOBAL,
        // IBM Cloud Container Registry: AP North, AP South nets for your own registry
        "128.168.71.64/29",
        "161.202.146.80/29",
        "165.192.71.216/29",
        "130.198.88.128/29",
        "135.90.66.48/29",
        "168.1.1.240/29",
        "103.41.70.143/32",
        "103.41.70.151/32",
        "103.41.70.155/32",
        "103.41.70.135/32",
        "103.41.70.139/32",
        "103.41.70.141/32",
        "103.41.70.142/32",
        "103.41.70.157/32",
        "103.41.70.158/32",
      ],
      monitoring: [
        // IBM Cloud Monitoring with Sysdig: jp-tok
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints
        "165.192.84.14/32",
        "128.168.75.14/32",
        "169.56.51.238/32",
        // backup pools IBM Cloud Monitoring with Sysdig: AP North nets
        "128.168.91.236/32",
        "128.168.91.238/32",
        "161.202.93.250/32",
        "161.202.93.252/32",
        "165.192.69.125/32",
        "165.192.71.227/32",
        "169.38.128.166/32",
        "169.38.82.173/32",
        "169.56.80.178/32",
        "169.56.80.182/32",
      ],
      logging: [
        ...PUBLIC_LOGGING_AP_NORTH,
        // New IP addresses added on 1/19/2023
        "161.202.231.186/32",
        "128.168.96.179/32",
        "165.192.111.36/32",
        // End new IP address list
        // CIDR Blocks added on 7/26/2023
        "128.168.83.96/27",
        "128.168.95.64/28",
        "161.202.78.192/27",
        "161.202.78.80/28",
        "165.192.107.32/27",
        "165.192.97.208/28",
        // End CIDR Blocks
      ],
    },
    privateServices: {
      registry: [
        ...PRIVATE_REGISTRY_GLOBAL,
        // IBM Cloud Container Registry: AP North, AP South registry subnets
        "166.9.249.104/32",
        "166.9.249.157/32",
        "166.9.249.168/32",
        "166.9.244.106/32",
        "166.9.244.136/32",
        "166.9.244.170/32",
      ],
      monitoringIngest: [
        // IBM Cloud Monitoring ingest: jp-tok
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_ingestion_private
        "166.9.40.35/32",
        "166.9.42.48/32",
        "166.9.44.38/32",
        "166.9.212.4/32",
        "166.9.214.5/32",
        "166.9.216.14/32",
      ],
      monitoringApi: [
        // IBM Cloud Monitoring API: jp-tok
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_rest_api
        "166.9.249.112/32",
        "166.9.249.141/32",
        "166.9.249.177/32",
        "166.9.212.4/32",
        "166.9.214.5/32",
        "166.9.216.14/32",
      ],
      logging: [
        // IBM Log Analysis with LogDNA: jp-tok
        // Taken from: https://cloud.ibm.com/docs/log-analysis?topic=log-analysis-endpoints
        "166.9.40.2/32",
        "166.9.40.3/32",
        "166.9.42.4/32",
        "166.9.46.5/32",
        "166.9.46.6/32",
        "166.9.60.6/32",
        "166.9.60.7/32",
        // New IP addresses added on 1/19/2023
        "166.9.40.13/32",
        "166.9.42.72/32",
        "166.9.44.76/32",
        // New IP addresses added on 10/19/2023
        "166.9.249.108/32",
        "166.9.249.137/32",
        "166.9.249.173/32",
        // End new IP address list
      ],
      loggingSyslogTcp: [...PRIVATE_SYSLOG_TCP_JP_TOK],
      loggingSyslogUdp: [...PRIVATE_SYSLOG_UDP_JP_TOK],
    },
    sysMgmt: [
      ...SYS_MGMT_ALL_CLUSTERS,
      // Nets for AP North zones
      "10.200.16.0/20", // che01
      "10.2.160.0/20", // hkg02
      "10.200.64.0/20", // seo01
      "10.2.32.0/20", // sng01
      "10.3.64.0/20", // tok02
      "10.201.176.0/20", // tok04
      "10.201.192.0/20", // tok05
    ],
  },
  "us-east": {
    id: "us-east",
    ibmName: "us-east",
    zones: ["mon01", "tor01", "wdc04", "wdc06", "wdc07"],
    legacyMasterProxy: true,
    privateHostEndpointTemplate: true,
    publicControlPlane: [
      "52.117.88.42/32",
      "104.94.220.128/32",
      "104.94.221.128/32",
      "104.94.222.136/32",
      "104.94.223.136/32",
      "104.96.176.128/32",
      "104.96.177.128/32",
      "104.96.178.130/32",
      "104.96.179.130/32",
      "104.96.180.127/32",
      "104.96.181.127/32",
      "158.85.97.34/32",
      "169.47.162.130/32",
      "169.47.174.106/32",
      "169.53.167.50/32",
      "169.53.171.210/32",
      "169.54.80.106/32",
      "169.54.94.26/32",
      "169.54.126.219/32",
      "169.60.73.142/32",
      "169.60.92.50/32",
      "169.60.92.66/32",
      "169.60.100.242/32",
      "169.60.101.42/32",
      "169.61.74.210/32",
      "169.61.83.62/32",
      "169.61.109.34/32",
      "169.61.110.66/32",
      "169.62.9.250/32",
      "169.62.10.2/32",
      "169.62.10.162/32",
      "169.63.75.82/32",
      "169.63.88.178/32",
      "169.63.88.186/32",
      "169.63.94.210/32",
      "169.63.106.50/32",
      "169.63.111.82/32",
      "169.63.149.122/32",
      "169.63.158.82/32",
      "169.63.160.130/32",
    ],
    privateControlPlane: [
      "166.9.20.11/32",
      "166.9.20.12/32",
      "166.9.20.13/32",
      "166.9.20.37/32",
      "166.9.20.38/32",
      "166.9.20.42/32",
      "166.9.20.63/32",
      "166.9.20.79/32",
      "166.9.20.80/32",
      "166.9.20.116/32",
      "166.9.20.117/32",
      "166.9.20.118/32",
      "166.9.20.187/32",
      "166.9.20.188/32",
      "166.9.22.8/32",
      "166.9.22.9/32",
      "166.9.22.10/32",
      "166.9.22.25/32",
      "166.9.22.26/32",
      "166.9.22.42/32",
      "166.9.22.43/32",
      "166.9.22.51/32",
      "166.9.22.52/32",
      "166.9.22.54/32",
      "166.9.22.55/32",
      "166.9.22.109/32",
      "166.9.22.110/32",
      "166.9.22.215/32",
      "166.9.22.216/32",
      "166.9.24.4/32",
      "166.9.24.5/32",
      "166.9.24.18/32",
      "166.9.24.19/32",
      "166.9.24.22/32",
      "166.9.24.35/32",
      "166.9.24.36/32",
      "166.9.24.44/32",
      "166.9.24.45/32",
      "166.9.24.46/32",
      "166.9.24.47/32",
      "166.9.24.90/32",
      "166.9.24.91/32",
      "166.9.24.198/32",
      "166.9.24.199/32",
      "166.9.68.34/32",
      "166.9.68.47/32",
      "166.9.68.134/32",
      "166.9.68.135/32",
      "166.9.231.217/32",
      "166.9.232.15/32",
      "166.9.251.118/32",
    ],
    publicServices: {
      registry: [...PUBLIC_REGISTRY_GLOBAL, ...PUBLIC_REGISTRY_US],
      monitoring: [
        // IBM Cloud Monitoring with Sysdig: us-east
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints
        "169.60.112.74/32",
        "169.55.109.114/32",
        "169.62.3.82/32",
        // backup pools IBM Cloud Monitoring with Sysdig: US East nets
        "169.47.136.237/32",
        "169.47.35.174/32",
        "169.61.109.59/32",
        "169.61.65.234/32",
        "169.63.158.254/32",
        "169.63.163.50/32",
        // IBM Cloud Monitoring with Sysdig: ca-tor subnets
        "163.74.69.186/32",
        "158.85.94.130/32",
        "163.75.65.237/32",
      ],
      logging: [
        ...PUBLIC_LOGGING_US_EAST,
        // New IP addresses added on 1/19/2023
        "169.47.134.86/32",
        "169.60.72.62/32",
        "169.61.107.10/32",
        // End new IP address list
        // CIDR Blocks added on 7/26/2023
        "52.117.100.16/28",
        "52.117.81.128/26",
        "150.239.98.0/26",
        "169.47.188.0/27",
        "169.47.54.16/28",
        "169.59.154.128/26",
        "169.60.120.32/27",
        "169.60.83.144/28",
        "169.62.40.192/27",
        // End CIDR Blocks
      ],
    },
    privateServices: {
      registry: [...PRIVATE_REGISTRY_GLOBAL, ...PRIVATE_REGISTRY_US_SOUTH],
      monitoringIngest: [
        // IBM Cloud Monitoring ingest: us-east
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_ingestion_private
        "166.9.20.53/32",
        "166.9.22.50/32",
        "166.9.24.43/32",
        "166.9.231.19/32",
        "166.9.232.40/32",
        "166.9.233.36/32",
      ],
      monitoringApi: [
        // IBM Cloud Monitoring API: us-east
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_rest_api
        "166.9.231.240/32",
        "166.9.232.28/32",
        "166.9.233.17/32",
        "166.9.231.19/32",
        "166.9.232.40/32",
        "166.9.233.36/32",
      ],
      logging: [
        // IBM Log Analysis with LogDNA: us-east
        // Taken from: https://cloud.ibm.com/docs/log-analysis?topic=log-analysis-endpoints
        "166.9.20.72/32",
        "166.9.20.73/32",
        "166.9.22.35/32",
        "166.9.22.36/32",
        // New IP addresses added on 1/19/2023
        "166.9.24.171/32",
        "166.9.22.194/32",
        "166.9.68.157/32",
        // New IP addresses added on 10/19/2023
        "166.9.231.235/32",
        "166.9.232.23/32",
        "166.9.233.10/32",
        // End new IP address list
      ],
      loggingSyslogTcp: [
        // IBM Log Analysis with LogDNA: US East nets
        "166.9.20.76/32",
        "166.9.22.38/32",
      ],
      loggingSyslogUdp: [
        // IBM Log Analysis with LogDNA: US East nets
        "166.9.20.77/32",
        "166.9.22.39/32",
      ],
    },
    sysMgmt: [
      ...SYS_MGMT_ALL_CLUSTERS,
      // Nets for US East zones
      "10.3.112.0/20", // mon01
      "10.2.48.0/20", // tor01
      "10.200.160.0/20", // wdc06
      "10.200.176.0/20", // wdc07
    ],
  },
  "us-south": {
    id: "us-south",
    ibmName: "us-south",
    zones: ["sao01", "sjc03", "sjc04", "dal10", "dal12", "dal13"],
    legacyMasterProxy: true,
    privateHostEndpointTemplate: true,
    publicControlPlane: [
      "50.22.129.34/32",
      "52.116.54.122/32",
      "52.116.231.210/32",
      "52.116.254.234/32",
      "52.117.28.138/32",
      "52.117.197.210/32",
      "52.117.212.34/32",
      "52.117.215.162/32",
      "52.117.232.194/32",
      "52.117.240.106/32",
      "67.228.97.210/32",
      "104.94.220.130/32",
      "104.94.221.130/32",
      "104.94.222.138/32",
      "104.94.223.138/32",
      "104.96.176.130/32",
      "104.96.177.130/32",
      "104.96.178.132/32",
      "104.96.179.132/32",
      "104.96.180.129/32",
      "104.96.181.129/32",
      "169.45.67.210/32",
      "169.45.88.98/32",
      "169.45.126.154/32",
      "169.46.7.238/32",
      "169.46.16.202/32",
      "169.46.24.210/32",
      "169.46.27.234/32",
      "169.46.63.250/32",
      "169.46.68.234/32",
      "169.46.89.50/32",
      "169.46.110.218/32",
      "169.46.111.122/32",
      "169.47.70.10/32",
      "169.47.71.138/32",
      "169.47.109.34/32",
      "169.47.115.18/32",
      "169.47.201.194/32",
      "169.47.209.66/32",
      "169.47.229.90/32",
      "169.47.232.210/32",
      "169.47.239.34/32",
      "169.47.242.242/32",
      "169.48.110.250/32",
      "169.48.143.218/32",
      "169.48.161.242/32",
      "169.48.226.2/32",
      "169.48.230.146/32",
      "169.48.244.66/32",
      "169.57.147.58/32",
      "169.57.151.10/32",
      "169.57.154.98/32",
      "169.59.219.90/32",
      "169.59.223.194/32",
      "169.59.230.98/32",
      "169.60.128.2/32",
      "169.60.170.234/32",
      "169.61.28.66/32",
      "169.61.29.194/32",
      "169.61.60.130/32",
      "169.61.175.106/32",
      "169.61.177.2/32",
      "169.61.187.58/32",
      "169.61.228.138/32",
      "169.62.82.197/32",
      "169.62.87.170/32",
      "169.62.97.218/32",
      "169.62.166.98/32",
      "169.62.189.26/32",
      "169.62.206.234/32",
      "169.62.230.114/32",
      "169.63.39.66/32",
      "169.63.47.250/32",
    ],
    privateControlPlane: [
      "166.9.12.26/32",
      "166.9.12.99/32",
      "166.9.12.140/32",
      "166.9.12.141/32",
      "166.9.12.142/32",
      "166.9.12.143/32",
      "166.9.12.144/32",
      "166.9.12.151/32",
      "166.9.12.153/32",
      "166.9.12.192/32",
      "166.9.12.193/32",
      "166.9.12.194/32",
      "166.9.12.196/32",
      "166.9.12.233/32",
      "166.9.12.253/32",
      "166.9.13.31/32",
      "166.9.13.92/32",
      "166.9.13.93/32",
      "166.9.13.94/32",
      "166.9.13.95/32",
      "166.9.14.94/32",
      "166.9.14.95/32",
      "166.9.14.121/32",
      "166.9.14.122/32",
      "166.9.14.124/32",
      "166.9.14.125/32",
      "166.9.14.201/32",
      "166.9.14.202/32",
      "166.9.14.203/32",
      "166.9.14.204/32",
      "166.9.14.205/32",
      "166.9.14.206/32",
      "166.9.15.69/32",
      "166.9.15.70/32",
      "166.9.15.73/32",
      "166.9.15.75/32",
      "166.9.15.130/32",
      "166.9.15.132/32",
      "166.9.16.5/32",
      "166.9.16.39/32",
      "166.9.16.112/32",
      "166.9.16.113/32",
      "166.9.16.137/32",
      "166.9.16.146/32",
      "166.9.16.147/32",
      "166.9.16.149/32",
      "166.9.16.183/32",
      "166.9.16.184/32",
      "166.9.16.185/32",
      "166.9.17.2/32",
      "166.9.17.34/32",
      "166.9.17.35/32",
      "166.9.17.36/32",
      "166.9.17.37/32",
      "166.9.17.38/32",
      "166.9.17.39/32",
      "166.9.17.254/32",
      "166.9.48.35/32",
      "166.9.48.48/32",
      "166.9.48.50/32",
      "166.9.48.76/32",
      "166.9.48.109/32",
      "166.9.48.124/32",
      "166.9.48.127/32",
      "166.9.48.170/32",
      "166.9.48.171/32",
      "166.9.48.175/32",
      "166.9.48.240/32",
      "166.9.51.3/32",
      "166.9.51.16/32",
      "166.9.51.54/32",
      "166.9.51.55/32",
      "166.9.51.74/32",
      "166.9.51.76/32",
      "166.9.51.104/32",
      "166.9.51.105/32",
      "166.9.51.106/32",
      "166.9.51.107/32",
      "166.9.51.247/32",
      "166.9.58.4/32",
      "166.9.58.11/32",
      "166.9.58.16/32",
      "166.9.58.49/32",
      "166.9.58.64/32",
      "166.9.58.65/32",
      "166.9.58.69/32",
      "166.9.58.103/32",
      "166.9.58.104/32",
      "166.9.58.170/32",
      "166.9.58.180/32",
      "166.9.58.210/32",
      "166.9.58.234/32",
      "166.9.59.7/32",
      "166.9.59.125/32",
      "166.9.59.126/32",
      "166.9.59.147/32",
      "166.9.59.174/32",
      "166.9.61.2/32",
      "166.9.61.15/32",
      "166.9.61.54/32",
      "166.9.82.42/32",
      "166.9.82.50/32",
      "166.9.82.51/32",
      "166.9.85.102/32",
      "166.9.85.114/32",
      "166.9.85.115/32",
      "166.9.88.21/32",
      "166.9.88.22/32",
      "166.9.88.186/32",
      "166.9.88.196/32",
      "166.9.88.197/32",
      "166.9.228.8/32",
      "166.9.229.10/32",
      "166.9.230.9/32",
    ],
    publicServices: {
      registry: [...PUBLIC_REGISTRY_GLOBAL, ...PUBLIC_REGISTRY_US],
      monitoring: [
        // IBM Cloud Monitoring with Sysdig: us-south
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints
        "169.60.151.174/32",
        "169.46.0.70/32",
        "169.48.214.70/32",
        // back up pools IBM Cloud Monitoring with Sysdig: US South nets
        "169.47.102.30/32",
        "169.47.227.243/32",
        "169.62.255.114/32",
        "169.62.255.116/32",
        // IBM Cloud Monitoring with Sysdig: br-sao subnets
        "163.107.66.98/32",
        "163.109.67.242/32",
        "169.57.141.43/32",
      ],
      logging: [
        ...PUBLIC_LOGGING_US_SOUTH,
        // New IP addresses added on 1/19/2023
        "52.117.134.204/32",
        "50.22.151.6/32",
        "67.228.208.253/32",
        // End new IP address list
        // CIDR Block list added on 7/26/2023
        "52.116.251.64/27",
        "52.118.43.0/27",
        "67.228.222.64/28",
        "67.228.228.128/26",
        "67.228.231.0/25",
        "67.228.81.0/27",
        "169.48.177.128/28",
        "169.59.254.192/26",
        "169.59.255.128/25",
        "169.61.184.64/28",
        "169.63.192.0/25",
        "169.63.193.0/26",
        // End CIDR Blocks
      ],
    },
    privateServices: {
      registry: [...PRIVATE_REGISTRY_GLOBAL, ...PRIVATE_REGISTRY_US_SOUTH],
      monitoringIngest: [
        // IBM Cloud Monitoring ingest: us-south
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_ingestion_private
        "166.9.14.170/32",
        "166.9.17.11/32",
        "166.9.48.41/32",
        "166.9.228.235/32",
        "166.9.229.31/32",
        "166.9.251.30/32",
      ],
      monitoringApi: [
        // IBM Cloud Monitoring API: us-south
        // Taken from: https://cloud.ibm.com/docs/monitoring?topic=monitoring-endpoints#endpoints_rest_api
        "166.9.228.45/32",
        "166.9.229.45/32",
        "166.9.230.44/32",
        "166.9.228.235/32",
        "166.9.229.31/32",
        "166.9.251.30/32",
      ],
      logging: [
        // IBM Log Analysis with LogDNA: us-south
        // Taken from: https://cloud.ibm.com/docs/log-analysis?topic=log-analysis-endpoints
        "166.9.12.12/32",
        "166.9.12.13/32",
        "166.9.14.2/32",
        "166.9.14.3/32",
        "166.9.16.11/32",
        "166.9.16.12/32",
        // New IPs added on 1/20/2023
        "166.9.90.41/32",
        "166.9.85.89/32",
        "166.9.61.79/32",
        // New IP addresses added on 10/30/2023
        "166.9.228.39/32",
        "166.9.229.39/32",
        "166.9.230.39/32",
        // End New IP list
      ],
      loggingSyslogTcp: [...PRIVATE_SYSLOG_TCP_US_SOUTH],
      loggingSyslogUdp: [...PRIVATE_SYSLOG_UDP_US_SOUTH],
    },
    sysMgmt: [
      ...SYS_MGMT_ALL_CLUSTERS,
      // Nets for US South zones
      "10.200.112.0/20", // dal12
      "10.200.128.0/20", // dal13
      "10.1.160.0/20", // hou02
      "10.2.176.0/20", // mex01
      "10.200.0.0/20", // sao01
      "10.3.176.0/20", // sjc03
      "10.201.80.0/20", // sjc04
    ],
  },
};
