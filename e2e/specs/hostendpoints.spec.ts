import { expect, test } from "@playwright/test";
import { HostEndpointsPage } from "../pages/HostEndpointPage";
import { IBM_PUBLIC_DEFAULTS } from "../pages/ibmDefaults";
import { saveScreenshot } from "../screenshot";

test("a public host endpoint lists its policies per stage, each stage in evaluation order", async ({
  page,
}, testInfo) => {
  const list = new HostEndpointsPage(page);
  await list.open();
  await expect(list.rows).toHaveCount(8);
  const hep = await list.openEndpoint("10.176.48.106-worker-public");
  await expect(hep.title).toHaveText("10.176.48.106-worker-public");
  await expect(hep.stagePolicies("normal")).toHaveText(IBM_PUBLIC_DEFAULTS);
  await expect(hep.stagePolicies("forward")).toHaveText(["allow-node-port-dnat"]);
  await expect(hep.stagePolicies("preDNAT")).toHaveCount(0);
  await saveScreenshot(page, testInfo, "host-endpoint");
});

test("the graph lists an interface's policies per stage when it is picked", async ({ page }, testInfo) => {
  await page.goto(
    "/c/demo/graph?focus=hep%2F10.184.58.23-worker-private&policy=GlobalNetworkPolicy%2Fallow-all-private-default",
  );
  await expect(page.getByTestId("graph-canvas").locator("canvas").first()).toBeVisible();
  const panel = page.getByTestId("focus-panel");
  await expect(panel.locator('[data-stage="normal"]').getByTestId("stage-policy")).toHaveText([
    /allow-all-private-default/,
  ]);
  await expect(page.getByText("applies to 4 endpoints", { exact: false })).toBeVisible();
  await saveScreenshot(page, testInfo, "graph");
});
