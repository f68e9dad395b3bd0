import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { deletePolicy } from "../api";
import { ExplainPage, type Packet } from "../pages/ExplainPage";
import { Shell } from "../pages/Shell";
import { WizardPage } from "../pages/WizardPage";
import { saveScreenshot } from "../screenshot";

// A client on the internet reaching NodePort 30080 on a worker's public address.
const NODEPORT_PACKET: Packet = {
  endpoint: "hep/10.176.48.106-worker-public",
  ip: "203.0.113.50",
  protocol: "TCP",
  port: 30080,
  preDnat: "198.51.100.14:30080",
};

// The same client on the nginx LoadBalancer Service's NodePort: kube-proxy sends it to an nginx pod, whose own
// policy (the seed's access-nginx, which admits only run=access pods) drops it after the host endpoint admitted it.
const NGINX_NODEPORT: Packet = {
  endpoint: "hep/10.176.48.106-worker-public",
  ip: "203.0.113.50",
  protocol: "TCP",
  port: 31380,
};

test.afterEach(async ({ request }) => deletePolicy(request, "GlobalNetworkPolicy", "deny-nodeports"));

test("a NodePort packet explained before and after applying deny-nodeports", async ({ page }, testInfo) => {
  const explain = new ExplainPage(page);
  await explain.explain(NODEPORT_PACKET);
  await expect(explain.result).toBeVisible();
  await expect(explain.decided).not.toContainText("deny-nodeports");
  // kube-proxy sends NodePort 30080 to shop/frontend's pod; the line above the trace says so.
  await expect(explain.dnat).toContainText("NodePort 198.51.100.14:30080 of shop/frontend → pod shop/frontend-");
  await saveScreenshot(page, testInfo, "explain-before");

  const wizard = new WizardPage(page);
  await wizard.open("deny-nodeports");
  await expect(wizard.yaml).toContainText("30000:32767", { timeout: 45_000 }); // Monaco's first load on a busy machine
  await wizard.reviewAndApply();
  await expect(wizard.result).toHaveAttribute("data-outcome", "applied");

  await explain.explain(NODEPORT_PACKET);
  await expect(explain.result).toHaveAttribute("data-verdict", "deny");
  await expect(explain.decided).toContainText("deny-nodeports");
  await expect(explain.decided.getByRole("link", { name: "deny-nodeports" })).toBeVisible();
  await saveScreenshot(page, testInfo, "explain-after");
});

test("the form says what Port and Before DNAT are, and suggests pods (wep/) as well as host endpoints", async ({
  page,
}) => {
  await page.goto("/c/demo/explain");
  await expect(page.getByLabel("Port", { exact: true })).toHaveAccessibleDescription(/destination port/);
  await expect(page.getByLabel("Before DNAT (NodePort/LB)", { exact: true })).toHaveAccessibleDescription(
    /Pre-DNAT policy sees this address/,
  );
  await expect(page.locator('#explain-endpoints option[value^="hep/"]')).not.toHaveCount(0);
  await expect(page.locator('#explain-endpoints option[value^="wep/default/nginx-"]')).not.toHaveCount(0);
});

/** Per placeholder: the room its text needs and the room the input gives it (px). */
function placeholderRoom(page: Page) {
  return page.locator("form.explain-form input[placeholder]").evaluateAll((inputs) =>
    inputs.map((input) => {
      const el = input as HTMLInputElement;
      const style = getComputedStyle(el);
      const context = document.createElement("canvas").getContext("2d");
      if (context === null) throw new Error("no 2d canvas");
      context.font = style.font;
      const room = el.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      return { placeholder: el.placeholder, needs: Math.ceil(context.measureText(el.placeholder).width), room };
    }),
  );
}

for (const width of [1280, 390]) {
  const rowCheck = width === 1280 ? " and the first row lines up" : "";
  test(`at ${width} px every placeholder of the form shows whole${rowCheck}`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/c/demo/explain");
    await expect(page.getByLabel("Peer endpoint", { exact: true })).toBeVisible();
    for (const p of await placeholderRoom(page)) expect(p.needs, p.placeholder).toBeLessThanOrEqual(p.room);
    if (width === 1280) {
      // Endpoint, Direction and the three peer fields: one row, their inputs level.
      const tops = await page
        .locator("form.explain-form > .field:nth-child(-n+5) :is(input, select)")
        .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
      expect(new Set(tops).size, `input tops ${tops.join(", ")}`).toBe(1);
    }
    await saveScreenshot(page, testInfo, `explain-form-${width}`);
  });
}

test("a NodePort packet DNATed to a pod: each stage names its endpoint, and the pod's policy decides", async ({
  page,
}, testInfo) => {
  const explain = new ExplainPage(page);
  await explain.explain(NGINX_NODEPORT);
  await expect(explain.result).toHaveAttribute("data-verdict", "deny");
  await expect(explain.stageRows).toHaveText([
    /^doNotTrack stage of host endpoint 10\.176\.48\.106-worker-public/,
    /^preDNAT stage of host endpoint 10\.176\.48\.106-worker-public/,
    /^DNAT \(kube-proxy\).*198\.51\.100\.14:31380 -> 172\.30\.10\.17:80/,
    /^applyOnForward stage of host endpoint 10\.176\.48\.106-worker-public.*destination 172\.30\.10\.17:80/,
    /^normal stage of pod default\/nginx-5d9c8f6b7c-4xkzq/,
  ]);
  await expect(explain.path).toContainText("applyOnForward on HEP 10.176.48.106-worker-public (accepted, goes on)");
  await expect(explain.path).toContainText("normal on pod default/nginx-5d9c8f6b7c-4xkzq (denied)");
  await expect(explain.decided).toHaveAttribute("data-endpoint", "wep/default/nginx-5d9c8f6b7c-4xkzq");
  await expect(explain.verdict).toContainText("pod default/nginx-5d9c8f6b7c-4xkzq");
  await saveScreenshot(page, testInfo, "explain-dnat-pod");
});

/**
 * Explains the packet at 1280 px and checks the page says "undetermined", never allowed or denied, with the deciding
 * step naming why; screenshots in both themes.
 */
async function expectUndetermined(
  page: Page,
  testInfo: TestInfo,
  packet: Packet,
  why: readonly string[],
  shot: string,
) {
  await page.setViewportSize({ width: 1280, height: 900 });
  const explain = new ExplainPage(page);
  await explain.explain(packet);
  await expect(explain.result).toHaveAttribute("data-verdict", "undetermined");
  await expect(explain.verdict).toHaveClass(/verdict-undetermined/);
  await expect(explain.verdict).toContainText(/^Undetermined: /);
  await expect(explain.decided).toContainText("undetermined");
  for (const text of why) await expect(explain.decided).toContainText(text);
  await saveScreenshot(page, testInfo, shot);
  await new Shell(page).useTheme("dark");
  await saveScreenshot(page, testInfo, `${shot}-dark`);
  return explain;
}

// Issue 17: a pod's traffic to its own node ends in Felix's DefaultEndpointToHostAction, which Palisade cannot read:
// the page must say "undetermined" and why, never allowed or denied.
test("an answer that depends on something not modelled is shown as undetermined", async ({ page }, testInfo) => {
  const access: Packet = {
    endpoint: "wep/default/access",
    direction: "Egress",
    ip: "localHost",
    protocol: "TCP",
    port: 10250,
  };
  const explain = await expectUndetermined(
    page,
    testInfo,
    access,
    ["DefaultEndpointToHostAction"],
    "explain-undetermined",
  );
  await expect(explain.path).toContainText("normal on pod default/access (undetermined)");
});

// Issue 17: the demo's IPPool has ipipMode Always, so a worker's own packet to an nginx pod on another worker leaves
// by tunl0, which its private host endpoint (eth0) does not cover (felix/rules/dispatch.go dispatches by the
// outgoing interface), with tunl0's address, which its Node records, as its source: the pod's access-nginx drops it.
test("a host's packet to a pod on another worker is explained through the tunnel", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const explain = new ExplainPage(page);
  await explain.explain({
    endpoint: "wep/default/nginx-5d9c8f6b7c-4xkzq",
    ip: "10.176.48.107",
    protocol: "TCP",
    port: 80,
  });
  await expect(explain.result).toHaveAttribute("data-verdict", "deny");
  await expect(explain.result).toContainText(
    "the packet leaves node 10.176.48.107 by tunl0, address 172.30.20.0 (IPPool default-ipv4-ippool ipipMode Always): no host endpoint governs it, so 10.176.48.107-worker-private's policy does not apply",
  );
  await expect(explain.result).toContainText("so its source is that device's address 172.30.20.0");
  await saveScreenshot(page, testInfo, "explain-tunnel");
  await new Shell(page).useTheme("dark");
  await saveScreenshot(page, testInfo, "explain-tunnel-dark");
});
