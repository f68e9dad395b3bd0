import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { applyYaml, deletePolicy } from "../api";
import { ExplainPage } from "../pages/ExplainPage";
import { HistoryPage } from "../pages/HistoryPage";
import { PacketLogPage } from "../pages/PacketLogPage";
import { publicIngressPolicy } from "../pages/policyYaml";
import { WizardPage } from "../pages/WizardPage";

/** Every view, each opened to the state a person looks at: data loaded, lazy editors and graph drawn. */
const PAGES: readonly { name: string; open: (page: Page) => Promise<void> }[] = [
  { name: "policies", open: (page) => view(page, "/c/demo/policies", page.getByTestId("policy-row").first()) },
  {
    name: "policy",
    open: (page) =>
      view(page, "/c/demo/policies/GlobalNetworkPolicy/allow-node-port-dnat", page.getByTestId("rule-row").first()),
  },
  {
    name: "graph",
    open: (page) => view(page, "/c/demo/graph", page.getByTestId("graph-canvas").locator("canvas").first()),
  },
  { name: "host endpoints", open: (page) => view(page, "/c/demo/hostendpoints", page.getByTestId("hep-row").first()) },
  {
    name: "host endpoint",
    open: (page) =>
      view(page, "/c/demo/hostendpoints/10.176.48.106-worker-public", page.getByTestId("stage-policy").first()),
  },
  { name: "selectors", open: (page) => view(page, "/c/demo/selectors", page.locator("table.matrix")) },
  { name: "editor", open: (page) => view(page, "/c/demo/editor", page.locator(".monaco-editor").first()) },
  {
    name: "wizard",
    open: async (page) => {
      const wizard = new WizardPage(page);
      await wizard.open("allowlist");
      await wizard.field("Load balancer IPs").fill("169.46.7.238");
      await wizard.field("Client CIDRs allowed").fill("203.0.113.0/24");
      await wizard.field("Ports").fill("80");
      await expect(wizard.beforeAfter.getByTestId("verdict")).toHaveCount(2, { timeout: 45_000 });
    },
  },
  {
    name: "history",
    open: async (page) => {
      // Changes to show, one of them a diff opened: the history outlives the policy, so the cluster keeps nothing.
      const name = `e2e-a11y-history-${Date.now().toString(36)}`;
      await applyYaml(page.request, publicIngressPolicy(name, 8443, 2100));
      await applyYaml(page.request, publicIngressPolicy(name, 8443, 2200));
      await deletePolicy(page.request, "GlobalNetworkPolicy", name);
      const history = new HistoryPage(page);
      await history.open(`?object=${name}`);
      await expect(history.entries).toHaveCount(3);
      await history.entry("updated").getByText("Diff").click();
      await expect(history.entry("updated").getByTestId("history-diff")).toBeVisible();
    },
  },
  { name: "flows", open: (page) => view(page, "/c/demo/flows", page.getByTestId("flow-row").first()) },
  { name: "staged", open: (page) => view(page, "/c/demo/staged", page.getByTestId("staged-row").first()) },
  {
    name: "logged packets",
    open: async (page) => {
      await page.goto("/c/demo/packet-log");
      const log = new PacketLogPage(page);
      await log.read([
        "Dec  7 21:04:11 kube-dal10-w1 kernel: calico-packet: IN=eth1 OUT= SRC=203.0.113.7 DST=198.51.100.14 LEN=60 PROTO=TCP SPT=51234 DPT=10250 SYN",
        "not a kernel line",
      ]);
      await expect(log.entry(1).getByTestId("explain-result")).toBeVisible({ timeout: 45_000 });
    },
  },
  { name: "policy sets", open: (page) => view(page, "/c/demo/policy-sets", page.getByRole("heading", { level: 1 })) },
  {
    name: "explain",
    open: async (page) => {
      const explain = new ExplainPage(page);
      await explain.explain({
        endpoint: "hep/10.176.48.106-worker-public",
        ip: "203.0.113.50",
        protocol: "TCP",
        port: 22,
      });
      await expect(explain.decided).toBeVisible();
    },
  },
  { name: "not found", open: (page) => view(page, "/c/demo/no-such-view", page.getByRole("heading", { level: 1 })) },
];

async function view(page: Page, path: string, ready: ReturnType<Page["locator"]>): Promise<void> {
  await page.goto(path);
  await expect(ready).toBeVisible({ timeout: 45_000 }); // Monaco's and Cytoscape's first load on a busy machine
}

for (const theme of ["light", "dark"] as const) {
  for (const p of PAGES) {
    test(`${p.name} (${theme}) has no moderate, serious or critical axe violation`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await p.open(page);
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      await expect(page.locator(".state.loading")).toHaveCount(0);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const found = violations
        .filter((v) => v.impact !== "minor")
        .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
      expect(found, found.join("\n")).toEqual([]);
    });
  }
}
