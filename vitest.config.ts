import { defineConfig } from "vitest/config";

// One run for the whole repo. `*.unit.test.ts` files need no service (`npm run test:unit` runs only
// them); every other test may talk to the real PostgreSQL / Redis / Chromium named by TEST_DATABASE_URL,
// TEST_REDIS_URL, CHROMIUM_PATH; each test isolates itself (own database or key prefix).
export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts", "apps/*/e2e/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default"],
  },
});
