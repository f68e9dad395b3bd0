import { expect, test } from "@playwright/test";
import { SelectorsPage } from "../pages/SelectorsPage";
import { saveScreenshot } from "../screenshot";

test("typing a selector shows what it matches, and a broken one points at the error", async ({ page }, testInfo) => {
  const selectors = new SelectorsPage(page);
  await selectors.open();
  await selectors.type("ibm.role == 'worker_public'");
  await expect(selectors.summary).toContainText("4 matching endpoints");
  await expect(selectors.matches).toHaveCount(4);
  await expect(page).toHaveURL(/s=ibm.role/);
  await saveScreenshot(page, testInfo, "selector-matches");

  await selectors.type("ibm.role == 'worker_public' &&");
  await expect(selectors.error).toBeVisible();
  await expect(selectors.error).toContainText(/at character \d+/);
  await expect(selectors.input).toHaveAttribute("aria-invalid", "true");
  await saveScreenshot(page, testInfo, "selector-error");
});

test("the matrix shows which policy selectors match which host endpoints", async ({ page }) => {
  const selectors = new SelectorsPage(page);
  await selectors.open();
  const privateRow = selectors.matrix.getByRole("row", { name: /worker_private/ });
  await expect(privateRow.locator("td.cell.hit")).toHaveCount(4);
  await expect(selectors.matrix.locator("th.matrix-col")).toHaveCount(8);
});
