import { expect, test } from "@playwright/test";
import { saveScreenshot } from "../screenshot";

test("a view whose script is gone since the page was opened (an upgrade) offers a reload, inside the shell", async ({
  page,
}, testInfo) => {
  await page.goto("/c/demo/policies");
  await expect(page.getByTestId("policy-row").first()).toBeVisible();
  // As after an upgrade: the server no longer has the old release's chunk for the graph view.
  await page.route(/\/assets\/GraphPage-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: "" }));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Graph" }).click();
  await expect(page.getByRole("heading", { name: "Palisade has been updated" })).toBeVisible();
  await expect(page.getByTestId("route-error")).toContainText("Reload to use the new release");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await saveScreenshot(page, testInfo, "route-error-stale-chunk");

  await page.unroute(/\/assets\/GraphPage-[^/]*\.js$/);
  await page.getByRole("button", { name: "Reload" }).click();
  await expect(page.getByRole("heading", { name: "Graph", exact: true })).toBeVisible();
  await expect(page.getByTestId("route-error")).toHaveCount(0);
});
