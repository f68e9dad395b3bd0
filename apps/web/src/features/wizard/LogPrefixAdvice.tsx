import {
  LOG_PREFIX_LIMIT,
  parseCalicoVersion,
  renderLogPrefix,
  shortPolicyKind,
  supportsLogPrefixTemplates,
} from "@palisade/calico";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { clustersQuery } from "../../api/shellQueries";
import { CodeBlock } from "../../components/CodeBlock";
import type { PolicyRef } from "../../shared/policyKey";

/** The richer prefix that names the policy in each line: Felix's `logPrefix` specifiers (Calico 3.32). */
export const NAMING_LOG_PREFIX = "calico-packet %k %p";

/**
 * Where the log lines go and how to read them: on Calico 3.32 or newer, the FelixConfiguration `logPrefix` that makes
 * each line name the Log policy that wrote it (the cluster's version comes from its ClusterInformation).
 */
export function LogPrefixAdvice({ cluster, policy, logName }: { cluster: string; policy: PolicyRef; logName: string }) {
  const { data } = useQuery(clustersQuery);
  const calico = data?.items.find((c) => c.name === cluster)?.calico ?? null;
  const version = calico?.version == null ? undefined : parseCalicoVersion(calico.version);
  const templates = supportsLogPrefixTemplates(version);
  const read = (
    <Link
      to={`/c/${encodeURIComponent(cluster)}/packet-log${templates ? `?logPrefix=${encodeURIComponent(NAMING_LOG_PREFIX)}` : ""}`}
    >
      Explain logged packets
    </Link>
  );
  if (templates !== true) {
    return (
      <p className="muted" data-testid="log-prefix-advice">
        Each packet is a kernel line on its node starting <code>calico-packet:</code> (FelixConfiguration{" "}
        <code>logPrefix</code>).{" "}
        {templates === false
          ? `Calico ${calico?.version ?? ""} writes that prefix as set; from Calico 3.32 it can name the policy in each line.`
          : "Palisade does not know this cluster's Calico version; from 3.32 the prefix can name the policy in each line."}{" "}
        Paste the lines into {read}.
      </p>
    );
  }
  // The Log policy follows the policy: Calico form, same namespace (a Kubernetes policy's log policy is a Calico one).
  const kind = policy.kind === "GlobalNetworkPolicy" ? "GlobalNetworkPolicy" : "NetworkPolicy";
  const example = `${renderLogPrefix(NAMING_LOG_PREFIX, {
    tier: "default",
    shortKind: shortPolicyKind(kind),
    ...(policy.namespace === undefined ? {} : { namespace: policy.namespace }),
    name: logName,
  })}: `;
  const cut = example.length > LOG_PREFIX_LIMIT.iptables;
  return (
    <div className="stack" data-testid="log-prefix-advice">
      <p>
        This cluster runs Calico {calico?.version}: Felix can name the policy in each log line. Set the
        FelixConfiguration's <code>logPrefix</code> to <code>{NAMING_LOG_PREFIX}</code> and this policy's lines start{" "}
        <code>{example}</code>
        {cut
          ? ` (${example.length} characters: nftables keeps them all, iptables only the first ${LOG_PREFIX_LIMIT.iptables}, so give the policy a shorter name there)`
          : ""}
        . Paste them into {read}.
      </p>
      <CodeBlock
        label="FelixConfiguration patch"
        text={`kubectl patch felixconfiguration default --type merge -p '{"spec":{"logPrefix":"${NAMING_LOG_PREFIX}"}}'`}
      />
    </div>
  );
}
