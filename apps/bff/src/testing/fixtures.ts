/** A GlobalNetworkPolicy for the demo's public interfaces allowing one TCP port, as YAML. */
export function publicPortPolicy(name: string, order = 2500, port = 8443): string {
  return `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: ${name} }
spec:
  order: ${order}
  selector: ibm.role == 'worker_public'
  types: [Ingress]
  ingress: [{ action: Allow, protocol: TCP, destination: { ports: [${port}] } }]
`;
}
