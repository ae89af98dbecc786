import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = { "@": path.resolve(import.meta.dirname) };

// Three suites: pure unit tests beside lib/ code, the sandbox's own contract suite,
// and integration tests against real PostgreSQL and the sandbox over HTTP.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "db/**/*.test.ts", "components/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "sandbox",
          include: ["sandbox/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "app/**/*.int.test.ts", "db/**/*.int.test.ts"],
          // `*.after-merge.int.test.ts` need another branch's work first; rename to enable.
          exclude: ["**/*.after-merge.int.test.ts", "node_modules/**"],
          globalSetup: ["./scripts/testing/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
