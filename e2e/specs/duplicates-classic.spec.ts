import { expect, test } from "@playwright/test";
import { classicKubeApi, SIM_CLUSTER, storeClassicGnp } from "../classic";
import { Shell } from "../pages/Shell";
import { saveScreenshot } from "../screenshot";

// A name stored twice on a Calico v3.31 cluster with classic storage: `dup-x` as a client that does not prefix
// stores it, beside `default.dup-x` as calicoctl v3.31 does. Calico enforces both; the policies page must say so.
test("a name stored twice is shown with both copies, and keeping one deletes the other after review", async ({
  page,
}, testInfo) => {
  const api = await classicKubeApi();
  await storeClassicGnp(api, "dup-x", 1250);
  await storeClassicGnp(api, "default.dup-x", 1200);

  await page.goto(`/c/${SIM_CLUSTER}/policies`);
  const panel = page.getByTestId("duplicates");
  await expect(panel.getByRole("heading")).toHaveText("1 policy is stored more than once");
  await expect(panel).toContainText(
    "GlobalNetworkPolicy dup-x is stored 2 times (dup-x, default.dup-x): Calico reads each as dup-x and enforces all of them, and they differ.",
  );
  const copy = (stored: string) =>
    panel.getByRole("row").filter({ has: page.locator("code", { hasText: new RegExp(`^${stored}$`) }) });
  await expect(copy("dup-x")).toHaveCount(1);
  await expect(copy("default.dup-x")).toContainText("calicoctl's copy");
  await saveScreenshot(page, testInfo, "duplicates-light");
  await new Shell(page).useTheme("dark");
  await saveScreenshot(page, testInfo, "duplicates-dark");

  await copy("default.dup-x").getByRole("button", { name: "Keep this one…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { level: 2 })).toHaveText(
    "Delete GlobalNetworkPolicy dup-x (the copy stored as dup-x)?",
  );
  await expect(dialog).toContainText("only the stored copy dup-x is deleted");
  await saveScreenshot(page, testInfo, "duplicates-keep-one");
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();

  await expect(panel).toHaveCount(0);
  const stored = "/apis/crd.projectcalico.org/v1/globalnetworkpolicies";
  expect((await api.get(`${stored}/dup-x`)).status()).toBe(404);
  expect((await api.get(`${stored}/default.dup-x`)).status()).toBe(200);
  await api.dispose();
});

test("a policy's own page shows its other stored copy, and keeping one there deletes the other", async ({
  page,
}, testInfo) => {
  const api = await classicKubeApi();
  await storeClassicGnp(api, "dup-y", 1250);
  await storeClassicGnp(api, "default.dup-y", 1200);

  await page.goto(`/c/${SIM_CLUSTER}/policies/GlobalNetworkPolicy/dup-y`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("dup-y");
  const panel = page.getByTestId("duplicates");
  await expect(panel.getByRole("heading")).toHaveText("This policy is stored 2 times");
  await expect(panel).toContainText("GlobalNetworkPolicy dup-y is stored 2 times (dup-y, default.dup-y)");
  await expect(panel).not.toContainText("dup-x");
  await saveScreenshot(page, testInfo, "duplicates-policy-page-light");
  await new Shell(page).useTheme("dark");
  await saveScreenshot(page, testInfo, "duplicates-policy-page-dark");
  const copy = panel.getByRole("row").filter({ has: page.locator("code", { hasText: /^default\.dup-y$/ }) });
  await copy.getByRole("button", { name: "Keep this one…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { level: 2 })).toHaveText(
    "Delete GlobalNetworkPolicy dup-y (the copy stored as dup-y)?",
  );
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();

  await expect(panel).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("dup-y");
  expect((await api.get("/apis/crd.projectcalico.org/v1/globalnetworkpolicies/dup-y")).status()).toBe(404);
  await api.dispose();
});
