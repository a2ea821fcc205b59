import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Tests run inside workerd, with the bindings of wrangler.toml (KV, the clicks queue) simulated
// locally; the secret and origin are test values.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          CLICK_SECRET: "test-secret",
          ORIGIN_URL: "http://origin.test",
          SHORT_DOMAIN: "sho.rt",
        },
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
  },
});
