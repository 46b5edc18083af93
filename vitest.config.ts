import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "src/**/*.test.ts",
      "suites/**/*.test.ts",
      "test/**/*.test.ts",
      "examples/**/*.test.ts",
    ],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // vitest's own JUnit reporter covers the test run itself; compliance reports come from xpo.
    reporters: ["default", ["junit", { outputFile: "reports/vitest-junit.xml" }]],
  },
});
