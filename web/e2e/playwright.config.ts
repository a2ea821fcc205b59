import { defineConfig, devices } from "@playwright/test";

// Debian's chromium: Playwright's own browser download is not reachable from these machines.
const chromium = process.env.E2E_CHROMIUM ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests",
  globalSetup: "./support/stack.ts",
  outputDir: "artifacts/results",
  fullyParallel: false,
  workers: 1, // one node on two cores: tests in sequence keep timings honest
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: chromium, args: ["--no-sandbox"] },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
