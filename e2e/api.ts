import { type APIRequestContext, expect } from "@playwright/test";

const CLUSTER = "/api/v1/clusters/demo";
const HEADERS = { "x-palisade-csrf": "1" };

/** Test set-up through the BFF's own API (the same routes the dashboard uses). */
export async function applyYaml(request: APIRequestContext, yaml: string): Promise<void> {
  const res = await request.post(`${CLUSTER}/apply`, { data: { yaml }, headers: HEADERS });
  expect(res.status(), await res.text()).toBe(200);
}

export async function deletePolicy(request: APIRequestContext, kind: string, name: string): Promise<void> {
  await request.post(`${CLUSTER}/delete`, { data: { targets: [{ ref: { kind, name } }] }, headers: HEADERS });
}

/** The policy's YAML as the cluster holds it now. */
export async function policyYaml(request: APIRequestContext, kind: string, name: string): Promise<string> {
  const res = await request.get(`${CLUSTER}/policies/${kind}/${name}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { yaml: string }).yaml;
}
