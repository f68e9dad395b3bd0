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

test("the matrix groups selectors by Calico's canonical form and says which policies share it and how they write it", async ({
  page,
  request,
}, testInfo) => {
  // IBM's own policies write `ibm.role == 'worker_public'`; the wizard writes it without spaces.
  await applyYaml(
    request,
    `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: e2e-unspaced-selector
spec:
  order: 5000
  selector: ibm.role=='worker_public'
  types: [Ingress]
`,
  );
  try {
    const selectors = new SelectorsPage(page);
    await selectors.open();
    const byText = (text: string) =>
      selectors.matrix.getByRole("row").filter({ has: page.getByRole("button", { name: text, exact: true }) });
    const row = byText("ibm.role == 'worker_public'");
    await expect(row).toHaveCount(1);
    await expect(byText("ibm.role=='worker_public'")).toHaveCount(0);
    const policies = row.getByTestId("matrix-policies");
    await expect(policies.getByRole("link", { name: "e2e-unspaced-selector" })).toBeVisible();
    await expect(policies.getByRole("link", { name: "allow-node-port-dnat" })).toBeVisible();
    await expect(policies).toContainText(/^\d+ share it: /);
    await expect(row.getByTestId("selector-spellings")).toContainText("ibm.role=='worker_public'");
    await expect(row.getByTestId("selector-spellings")).toContainText("ibm.role == 'worker_public'");
    await row.scrollIntoViewIfNeeded();
    await saveScreenshot(page, testInfo, "selector-matrix-grouped");

    // The canonical form reads in the dashboard's single quotes; Calico's own double-quoted form is in the tooltip.
    await selectors.type('ibm.role=="worker_public"');
    await expect(page.getByTestId("selector-canonical")).toHaveText("ibm.role == 'worker_public'");
    await expect(page.getByTestId("selector-canonical")).toHaveAttribute(
      "title",
      'Calico prints it as ibm.role == "worker_public"',
    );
  } finally {
    await deletePolicy(request, "GlobalNetworkPolicy", "e2e-unspaced-selector");
  }
});
