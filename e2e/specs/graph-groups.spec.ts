import { expect, test } from "@playwright/test";
import { saveScreenshot } from "../screenshot";

test("the graph groups pods by namespace and workload with counts, and a group expands and collapses", async ({
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

  // Inside an open namespace, pods come grouped by workload (nginx's pods share `run: nginx`); one opens to its pods.
  await groups.getByRole("button", { name: /^▸ default · \d+ pods?$/ }).click();
  const nginx = groups.getByRole("button", { name: /nginx · 2 pods/ });
  await expect(nginx).toHaveAttribute("aria-expanded", "false");
  const podPicker = page.getByRole("combobox", { name: "Interface or pod (or click one)" });
  await expect(podPicker.locator("option", { hasText: "default/nginx-" })).toHaveCount(0);
  await nginx.click();
  await expect(page).toHaveURL(/expand=default%2C(default%2Fapp%2Fnginx|default\/app\/nginx)/);
  await expect(podPicker.locator("option", { hasText: "default/nginx-" })).toHaveCount(2);
  await saveScreenshot(page, testInfo, "graph-groups-workload-expanded");
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
