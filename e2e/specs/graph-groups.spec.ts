import { expect, test } from "@playwright/test";
import { saveScreenshot } from "../screenshot";

test("the graph groups pods by namespace with counts, and a group expands and collapses", async ({
  page,
}, testInfo) => {
  // `expand=-` starts every namespace collapsed, as a large cluster does by default.
  await page.goto("/c/demo/graph?expand=-");
  await expect(page.getByTestId("graph-canvas").locator("canvas").first()).toBeVisible();
  const groups = page.getByTestId("graph-groups");
  await groups.getByText(/^Namespaces \(\d+\)$/).click();
  const shop = groups.getByRole("button", { name: /shop · \d+ pods/ });
  await expect(shop).toHaveAttribute("aria-expanded", "false");
  const total = Number((await shop.textContent())?.match(/(\d+) pods/)?.[1]);
  expect(total).toBeGreaterThan(0);
  await saveScreenshot(page, testInfo, "graph-groups-collapsed");

  // The keyboard way: focus the group and press Enter.
  await shop.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/expand=shop(&|$)/);
  await expect(shop).toHaveAttribute("aria-expanded", "true");
  await saveScreenshot(page, testInfo, "graph-groups-shop-expanded");

  await shop.click();
  await expect(shop).toHaveAttribute("aria-expanded", "false");
  await groups.getByRole("button", { name: "Expand all" }).click();
  await expect(page).toHaveURL(/expand=\*/);
  await expect(groups.getByRole("button", { expanded: false })).toHaveCount(0);
});

test("the policy to light up is found by typing, not scrolled for", async ({ page }) => {
  await page.goto("/c/demo/graph");
  await page.getByLabel("Find a policy to light up").fill("private-default");
  const picker = page.getByRole("combobox", { name: "Policy to light up" });
  await expect(picker.locator("option")).toHaveText(["none", /allow-all-private-default/]);
  await picker.selectOption({ index: 1 });
  await expect(page).toHaveURL(/policy=[^&]*allow-all-private-default/);
  await expect(page.getByText("applies to 4 endpoints", { exact: false })).toBeVisible();
});
