import type { ServicePortView, ServiceSummary } from "@palisade/contract";
import type { AllowlistForm } from "./params";

/** The addresses a client outside the cluster uses for the Service: load balancer ingress IPs, then external IPs. */
export function serviceAddresses(s: ServiceSummary): string[] {
  return [...new Set([...s.loadBalancerIPs, ...s.externalIPs])];
}

function portsByProtocol(s: ServiceSummary): Map<ServicePortView["protocol"], number[]> {
  const by = new Map<ServicePortView["protocol"], number[]>();
  for (const p of s.ports) by.set(p.protocol, [...(by.get(p.protocol) ?? []), p.port]);
  return by;
}

/** How the picker lists a Service: `default/nginx — 198.51.100.50 TCP 80`. */
export function serviceOptionLabel(s: ServiceSummary): string {
  const addresses = serviceAddresses(s);
  const ports = [...portsByProtocol(s)].map(([protocol, list]) => `${protocol} ${list.join(", ")}`).join("; ");
  const where = addresses.length === 0 ? "no address yet" : addresses.join(", ");
  return `${s.namespace}/${s.name} — ${where}${ports === "" ? "" : ` ${ports}`}`;
}

/**
 * The form with the Service's addresses as destinations and its ports: those of its first port's protocol (a
 * policy rule has one protocol; the other protocol's ports need a second policy).
 */
export function withService(form: AllowlistForm, s: ServiceSummary): AllowlistForm {
  const protocol = s.ports[0]?.protocol ?? form.protocol;
  return {
    ...form,
    destinationIps: serviceAddresses(s).join(", "),
    protocol,
    ports: (portsByProtocol(s).get(protocol) ?? []).join(", "),
  };
}

/** The `namespace/name` of the Service the form's destination, ports and protocol were filled from, if any. */
export function pickedService(form: AllowlistForm, services: readonly ServiceSummary[]): string | undefined {
  const s = services.find((svc) => {
    const filled = withService(form, svc);
    return (
      filled.destinationIps === form.destinationIps && filled.ports === form.ports && filled.protocol === form.protocol
    );
  });
  return s === undefined ? undefined : `${s.namespace}/${s.name}`;
}
