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
            "bench/**/*.test.ts",
            "scripts/**/*.test.ts",
          ],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["{apps,packages}/*/{src,test,oracle}/**/*.int.test.ts", "deploy/*.int.test.ts"],
          // One real kube-apiserver + etcd for the run (packages/control-plane/README.md); tests reach it through
          // injectControlPlane() from @palisade/control-plane/testing.
          globalSetup: ["./packages/control-plane/src/vitest-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
