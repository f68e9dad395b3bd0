import { expect, test } from "@playwright/test";
import { postToCluster } from "../api";
import { HistoryPage } from "../pages/HistoryPage";
import { PoliciesPage } from "../pages/PoliciesPage";
import { Shell } from "../pages/Shell";
import { WizardPage } from "../pages/WizardPage";
import { saveScreenshot } from "../screenshot";

test.use({ viewport: { width: 1280, height: 800 } });

const TIER = "e2e-security";

test.afterEach(async ({ request }) => {
  await postToCluster(request, "delete", { targets: [{ ref: { kind: "Tier", name: TIER } }] });
});

test("a tier is created and edited in a form: Calico's rules beside the fields, then review, confirm, History", async ({
  page,
}, testInfo) => {
  const policies = new PoliciesPage(page);
  await policies.open();
  await page.getByRole("link", { name: "New tier…" }).click();
  const wizard = new WizardPage(page);
  const yaml = page.getByTitle("Tier YAML");

  // Calico's validator, as the BFF runs it, for the demo's Calico v3.31: a built-in tier keeps its order.
  await wizard.field("Name").fill("adminnetworkpolicy");
  await wizard.field("Order (optional: without one the tier runs after every ordered tier)").fill("5");
  // Beside the field (and in the list of what the form still needs).
  const fieldErrors = page.locator(".field-error");
  await expect(
    fieldErrors.filter({ hasText: 'Calico v3.31 requires the built-in tier "adminnetworkpolicy" to have order 1000' }),
  ).toBeVisible();
  await expect(wizard.review).toHaveAttribute("aria-disabled", "true");
  await wizard.field("Name").fill("e2e.security");
  await expect(fieldErrors.filter({ hasText: /no dots/ })).toBeVisible();

  await wizard.field("Name").fill(TIER);
  await wizard.field("Order (optional: without one the tier runs after every ordered tier)").fill("100");
  await page.getByLabel("Pass: hand it to the next tier").check();
  await expect(yaml).toContainText(`name: ${TIER}`);
  await expect(yaml).toContainText("order: 100");
  await expect(yaml).toContainText("defaultAction: Pass");
  await saveScreenshot(page, testInfo, "tier-form-light");

  await wizard.review.click();
  const doc = wizard.reviewPanel.getByTestId("review-document");
  await expect(doc).toHaveAttribute("data-action", "create");
  await expect(doc).toContainText(`Tier ${TIER}`);
  await expect(wizard.reviewPanel.getByTestId("apply-result")).toHaveAttribute("data-outcome", "dry-run");
  // Nothing to stage: a Tier has no staged kind.
  await expect(page.getByText("Save as staged")).toHaveCount(0);
  await wizard.confirm.click();
  await expect(wizard.result).toHaveAttribute("data-outcome", "applied");

  // In the tier strip, in evaluation order (before default), and editable from there.
  await policies.open();
  const chip = page.locator(`[data-testid="tier-chip"][data-tier="${TIER}"]`);
  await expect(chip).toContainText("order 100");
  await expect(chip).toContainText("then Pass");
  await expect(page.getByTestId("tier-chip").first()).toHaveAttribute("data-tier", TIER);
  await chip.getByRole("link", { name: TIER }).click();
  await expect(page).toHaveURL(new RegExp(`mode=tier&tier=${TIER}$`));
  await expect(wizard.field("Order (optional: without one the tier runs after every ordered tier)")).toHaveValue("100");
  await page.getByLabel("Deny: drop it").check();
  await expect(yaml).toContainText("defaultAction: Deny");
  await wizard.review.click();
  await expect(doc).toHaveAttribute("data-action", "update");
  await expect(doc.locator(".patch-remove")).toContainText("defaultAction: Pass");
  await expect(doc.locator(".patch-add")).toContainText("defaultAction: Deny");
  await new Shell(page).useTheme("dark");
  await saveScreenshot(page, testInfo, "tier-form-review-dark");
  await wizard.confirm.click();
  await expect(wizard.result).toHaveAttribute("data-outcome", "applied");
  await policies.open();
  await expect(chip).toContainText("then Deny");

  // Both writes are in the History, as every apply is.
  const history = new HistoryPage(page);
  await history.open();
  await history.object.fill(TIER);
  await expect(history.entries).toHaveCount(2);
  await expect(history.entry("created")).toHaveCount(1);
  await expect(history.entry("updated")).toHaveCount(1);
});
