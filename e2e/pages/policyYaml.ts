/** A GlobalNetworkPolicy allowing TCP to one port on public worker interfaces, as test data to apply or refuse. */
export function publicIngressPolicy(name: string, port: number, order?: number): string {
  return `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: ${name}
spec:
${order === undefined ? "" : `  order: ${order}\n`}  selector: ibm.role == 'worker_public'
  types:
    - Ingress
  ingress:
    - action: Allow
      protocol: TCP
      destination:
        ports:
          - ${port}
`;
}
