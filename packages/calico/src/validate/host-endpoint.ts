/**
 * HostEndpoint spec: validator.go `validateHostEndpointSpec`, `validateEndpointPort`, the spec's field tags and the
 * HostEndpoint CRD's CEL rules (docs/calico-semantics.md §5 "Host endpoints").
 */
import type { Context } from "./context";
import { childPath, indexPath, isRecord, listOf, stringOf } from "./issues";
import { DNS_SUBDOMAIN, portNameProblems } from "./names";
import { parseIp } from "./net";
import { parseProtocol, protocolProblem, supportsPorts } from "./protocol";

const INTERFACE_NAME = /^[a-zA-Z0-9_.-]{1,15}$/;

export function validateHostEndpointSpec(spec: unknown, path: string, ctx: Context): void {
  const s = isRecord(spec) ? spec : {};
  const interfaceName = stringOf(s.interfaceName);
  const expectedIPs = listOf(s.expectedIPs);
  if (interfaceName === "" && expectedIPs.length === 0) {
    ctx.issues.add(
      childPath(path, "interfaceName"),
      "set interfaceName or expectedIPs so the host endpoint matches an interface",
    );
  }
  // Longer than 15 characters is already reported by the schema (maxLength); one message per problem.
  if (
    interfaceName !== "" &&
    interfaceName !== "*" &&
    interfaceName.length <= 15 &&
    !INTERFACE_NAME.test(interfaceName)
  ) {
    ctx.issues.add(
      childPath(path, "interfaceName"),
      `interface name "${interfaceName}" is invalid: use "*" or up to 15 letters, digits, '_', '.', '-'`,
    );
  }
  const node = stringOf(s.node);
  if (node === "")
    ctx.issues.add(childPath(path, "node"), "node is required: the name of the node this interface is on");
  else if (!DNS_SUBDOMAIN.test(node))
    ctx.issues.add(childPath(path, "node"), `node "${node}" is not a valid node name`);
  expectedIPs.forEach((ip, i) => {
    if (typeof ip === "string" && parseIp(ip) === undefined) {
      ctx.issues.add(indexPath(childPath(path, "expectedIPs"), i), `"${ip}" is not an IP address`);
    }
  });
  listOf(s.profiles).forEach((p, i) => {
    if (typeof p === "string" && !DNS_SUBDOMAIN.test(p)) {
      ctx.issues.add(
        indexPath(childPath(path, "profiles"), i),
        `profile "${p}" is not a valid profile name (a DNS subdomain such as kns.default)`,
      );
    }
  });
  listOf(s.ports).forEach((port, i) => {
    if (!isRecord(port)) return;
    const at = indexPath(childPath(path, "ports"), i);
    const problem = portNameProblems(stringOf(port.name));
    if (problem !== undefined) ctx.issues.add(childPath(at, "name"), problem);
    if (port.protocol == null) return;
    const protocolIssue = protocolProblem(port.protocol);
    if (protocolIssue !== undefined) ctx.issues.add(childPath(at, "protocol"), protocolIssue);
    else if (!supportsPorts(parseProtocol(port.protocol))) {
      ctx.issues.add(childPath(at, "protocol"), "a host endpoint port needs protocol TCP, UDP or SCTP");
    }
  });
}
