import { expect, test } from "@playwright/test";
import { postToCluster } from "../api";
import { EditorPage } from "../pages/EditorPage";
import { PoliciesPage } from "../pages/PoliciesPage";
import { PolicySetsPage } from "../pages/PolicySetsPage";
import { saveScreenshot } from "../screenshot";

const MEMBERS = [
  "allow-egress-pods-public",
  "allow-ibm-ports-public",
  "allow-public-service-endpoint",
  "deny-all-outbound-public",
];

test.afterEach(async ({ request }) => {
  await postToCluster(request, "delete", {
    targets: MEMBERS.map((name) => ({ ref: { kind: "GlobalNetworkPolicy", name } })),
  });
});

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("isolating the demo cluster on the public network, then drift and bringing it up to date", async ({
  page,
}, testInfo) => {
  // The whole journey: plan, apply, table, graph, editor, drift, bring up to date.
  test.slow();
  const sets = new PolicySetsPage(page);
  await sets.open();
  await expect(page.getByText("No isolation set applied by Palisade yet.")).toBeVisible();
  await expect(sets.regionSource).toContainText("ibm-cloud.kubernetes.io/region=us-south");
  await expect(sets.files).toHaveCount(4);
  await expect(sets.files.first()).toContainText("allow-egress-pods-public.yaml");
  // IBM's pod policy keeps TCP 443 open to any address; other ports to the internet close.
  await expect(sets.probe("pod-internet-80").locator(".badge")).toHaveText(["allow", "deny"]);
  await expect(sets.probe("pod-internet-443").locator(".badge")).toHaveText(["allow", "allow"]);
  await expect(sets.probe("worker-ssh-failsafe").locator(".badge")).toHaveText(["allow", "allow"]);
  await expect(sets.lockOutClear).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await saveScreenshot(page, testInfo, "policy-sets-plan");
  await page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot(page, testInfo, "policy-sets-plan-dark");
  await page.emulateMedia({ colorScheme: "light" });

  await sets.applyButton(4).click();
  await expect(sets.result).toHaveAttribute("data-outcome", "applied");
  await expect(sets.status).toHaveText("up to date");

  // The table marks the members with their set; the graph lists them on a worker's public interface.
  const table = new PoliciesPage(page);
  await table.open("?q=public");
  for (const name of MEMBERS) {
    await expect(table.row(name).getByRole("link", { name: "set public-isolation us-south" })).toBeVisible();
  }
  await saveScreenshot(page, testInfo, "policy-sets-table");
  await page.goto("/c/demo/graph?focus=hep%2F10.176.48.106-worker-public");
  const stages = page.getByTestId("focus-panel");
  await expect(stages.locator('[data-stage="normal"]').getByTestId("stage-policy")).toContainText([
    /allow-ibm-ports-public/,
    /deny-all-outbound-public/,
  ]);

  // Edit one member in the editor, as a user would.
  const editor = new EditorPage(page);
  await editor.openPolicy("GlobalNetworkPolicy", "allow-public-service-endpoint");
  await editor.replace("50.22.129.34/32", "50.22.129.35/32");
  await editor.apply.click();
  await expect(editor.result).toHaveAttribute("data-outcome", "applied");

  await sets.open();
  await expect(sets.status).toHaveText("drifted");
  await expect(sets.edited).toContainText("spec.egress[0].destination.nets[0]");
  await expect(sets.edited).toContainText("50.22.129.35/32");
  await saveScreenshot(page, testInfo, "policy-sets-drift");

  await sets.bringUpToDate.click();
  await sets.applyButton(1).click();
  await expect(sets.result).toHaveAttribute("data-outcome", "applied");
  await expect(sets.status).toHaveText("up to date");
});
