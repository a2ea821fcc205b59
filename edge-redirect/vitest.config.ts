import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Tests run inside workerd, with the bindings of wrangler.toml (KV, the clicks queue, the Cache
// API) simulated locally; the secret and origin are test values. The global setup starts a real
// origin that never answers, for the timeout tests.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          CLICK_SECRET: "test-secret",
          ACCESS_SECRET: "test-access-secret",
          ORIGIN_URL: "http://origin.test",
          SHORT_DOMAIN: "sho.rt",
        },
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/hanging-origin.ts"],
  },
});
