import { expect, test } from "@playwright/test";
import { applyYaml, deletePolicy } from "../api";
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

test("a selector many policies share names the first few and keeps the rest behind '+N more'", async ({
  page,
  request,
}) => {
  // The demo's `ibm.role in {...}` selector is shared by four IBM policies; two more make six.
  const extra = ["e2e-shared-selector-a", "e2e-shared-selector-b"];
  for (const name of extra) {
    await applyYaml(
      request,
      `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: ${name}
spec:
  order: 5000
  selector: ibm.role in { 'worker_public', 'master_public' }
  types: [Ingress]
`,
    );
  }
  try {
    const selectors = new SelectorsPage(page);
    await selectors.open();
    const row = selectors.matrix.getByRole("row", { name: /master_public/ });
    const policies = row.locator("td.matrix-policies");
    await expect(policies.getByRole("link")).toHaveCount(4);
    const more = policies.getByRole("button", { name: "+2 more" });
    await expect(more).toHaveAttribute("aria-expanded", "false");
    await more.click();
    await expect(policies.getByRole("link")).toHaveCount(6);
    await expect(policies.getByRole("link", { name: "e2e-shared-selector-b" })).toBeVisible();
    await policies.getByRole("button", { name: "show fewer" }).click();
    await expect(policies.getByRole("link")).toHaveCount(4);
  } finally {
    for (const name of extra) await deletePolicy(request, "GlobalNetworkPolicy", name);
  }
});
