import { defineConfig } from "vitest/config";

// Two vitest tiers. `unit`: pure and in-process tests (`*.test.ts`), including BFF routes against the embedded demo
// cluster; `pnpm check` runs these. `integration`: tests that need external processes such as the Go-built
// kube-apiserver + etcd or the Calico oracle (`*.int.test.ts`).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "{apps,packages}/*/src/**/*.test.{ts,tsx}",
            "{apps,packages}/*/test/**/*.test.{ts,tsx}",
            "deploy/*.test.ts",
          ],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["{apps,packages}/*/{src,test,oracle}/**/*.int.test.ts", "deploy/*.int.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
