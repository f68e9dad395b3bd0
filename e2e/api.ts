import { type APIRequestContext, type APIResponse, expect } from "@playwright/test";

const CLUSTER = "/api/v1/clusters/demo";
const HEADERS = { "x-palisade-csrf": "1" };

/** A state-changing request to a demo cluster route, as the dashboard sends it (with the CSRF header). */
export function postToCluster(request: APIRequestContext, route: string, data: object): Promise<APIResponse> {
  return request.post(`${CLUSTER}/${route}`, { data, headers: HEADERS });
}

/** Test set-up through the BFF's own API (the same routes the dashboard uses). */
export async function applyYaml(request: APIRequestContext, yaml: string): Promise<void> {
  const res = await postToCluster(request, "apply", { yaml });
  expect(res.status(), await res.text()).toBe(200);
}

export async function deletePolicy(request: APIRequestContext, kind: string, name: string): Promise<void> {
  await postToCluster(request, "delete", { targets: [{ ref: { kind, name } }] });
}

/** The policy as the cluster holds it now: its YAML and resourceVersion. */
export async function policyState(
  request: APIRequestContext,
  kind: string,
  name: string,
): Promise<{ yaml: string; resourceVersion: string }> {
  const res = await request.get(`${CLUSTER}/policies/${kind}/${name}`);
  expect(res.status()).toBe(200);
  const detail = (await res.json()) as { yaml: string; summary: { resourceVersion: string } };
  return { yaml: detail.yaml, resourceVersion: detail.summary.resourceVersion };
}

/** The policy's YAML as the cluster holds it now. */
export async function policyYaml(request: APIRequestContext, kind: string, name: string): Promise<string> {
  return (await policyState(request, kind, name)).yaml;
}

/** Whether the cluster holds the policy now. */
export async function policyExists(request: APIRequestContext, kind: string, name: string): Promise<boolean> {
  const res = await request.get(`${CLUSTER}/policies/${kind}/${name}`);
  expect([200, 404]).toContain(res.status());
  return res.status() === 200;
}
