/** How an object is named to a person: `GlobalNetworkPolicy allow-icmp`, `NetworkPolicy shop/web`. */
export function refLabel(ref: { kind: string; name: string; namespace?: string | undefined }): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
}
