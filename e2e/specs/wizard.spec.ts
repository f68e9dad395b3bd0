import { expect, test } from "@playwright/test";
import { deletePolicy, policyYaml } from "../api";
import { WizardPage } from "../pages/WizardPage";
import { saveScreenshot } from "../screenshot";

// IBM's documented pre-DNAT allowlist: only these client CIDRs may reach the load balancer's port 80.
const LB_IP = "169.46.7.238";
const CLIENTS = "203.0.113.0/24";

test.afterEach(async ({ request }) => deletePolicy(request, "GlobalNetworkPolicy", "e2e-allowlist"));

test("authoring IBM's pre-DNAT allowlist in the wizard, previewing it, and applying it", async ({
  page,
  request,
}, testInfo) => {
  const wizard = new WizardPage(page);
  await wizard.open("allowlist");
  await wizard.field("Load balancer IPs").fill(LB_IP);
  await wizard.field("Client CIDRs allowed").fill(CLIENTS);
  await wizard.field("Ports").fill("80");
  await wizard.field("Name (optional)").fill("e2e-allowlist");
  await expect(wizard.yaml).toContainText("preDNAT: true", { timeout: 45_000 }); // Monaco's first load on a busy machine
  await expect(wizard.yaml).toContainText(`${LB_IP}/32`);
  await expect(wizard.appliesTo).toHaveCount(4);
  await expect(wizard.appliesTo.first()).toContainText("worker-public");
  await expect(wizard.beforeAfter.getByTestId("verdict")).toHaveCount(2);
  // The sample client defaults to a host inside the first client CIDR, so "after" shows it admitted.
  await expect(wizard.field("Sample client IP (for before/after)")).toHaveValue("203.0.113.1");
  await saveScreenshot(page, testInfo, "wizard-allowlist");

  await wizard.apply.click();
  await expect(wizard.result).toHaveAttribute("data-outcome", "applied");
  const live = await policyYaml(request, "GlobalNetworkPolicy", "e2e-allowlist");
  expect(live).toContain("preDNAT: true");
  expect(live).toContain(CLIENTS);
});

test("picking the nginx LoadBalancer service fills the allowlist's destination, ports and protocol", async ({
  page,
}, testInfo) => {
  const wizard = new WizardPage(page);
  await wizard.open("allowlist");
  await wizard.field("Protocol").selectOption("UDP");
  await wizard.pickService("default/nginx — 198.51.100.50 TCP 80");
  await expect(wizard.field("Load balancer IPs")).toHaveValue("198.51.100.50");
  await expect(wizard.field("Ports")).toHaveValue("80");
  await expect(wizard.field("Protocol")).toHaveValue("TCP");
  await wizard.field("Client CIDRs allowed").fill(CLIENTS);
  await expect(wizard.yaml).toContainText("198.51.100.50/32", { timeout: 45_000 });
  // The sample client's packet to the load balancer is translated to an nginx pod after the preDNAT stage.
  await expect(wizard.beforeAfter.getByTestId("dnat").first()).toContainText(
    "LoadBalancer 198.51.100.50:80 of default/nginx → pod default/nginx-",
  );
  await saveScreenshot(page, testInfo, "wizard-allowlist-service");
  await wizard.beforeAfter.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, "wizard-allowlist-service-before-after");

  // Typing over the picked values returns the picker to "type an IP".
  await wizard.field("Ports").fill("80, 443");
  await expect(wizard.field("LoadBalancer service")).toHaveValue("");
});
