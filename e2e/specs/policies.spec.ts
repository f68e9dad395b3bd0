import { expect, test } from "@playwright/test";
import { saveScreenshot } from "../screenshot";

// The demo's Kubernetes NetworkPolicy access-nginx comes first: Calico evaluates Kubernetes policies at order 1000
// in the default tier (calico-semantics.md section 2); its cell also shows the Calico name.
const DEFAULTS_IN_ORDER = [
  /^access-nginx\s+knp\.default\.access-nginx$/,
  "allow-node-port-dnat",
  "allow-vrrp",
  "allow-icmp",
  "allow-all-outbound",
  "allow-bigfix-port",
  "allow-sys-mgmt",
  "allow-all-private-default",
];

test("the policy table lists IBM's default policies in Calico's evaluation order", async ({ page }, testInfo) => {
  await page.goto("/");
  const rows = page.getByTestId("policy-row");
  await expect(rows).toHaveCount(DEFAULTS_IN_ORDER.length);
  await expect(rows.locator(".name")).toHaveText(DEFAULTS_IN_ORDER);
  await expect(page.getByRole("row", { name: /allow-bigfix-port/ })).toContainText("1900");
  await saveScreenshot(page, testInfo, "policies");
});
