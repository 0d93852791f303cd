import { defineConfig } from "vitest/config";

// One run for the whole repo. Integration suites (*.pg.test.ts, *.redis.test.ts) talk to the
// real services named by DATABASE_URL / REDIS_URL; each test isolates itself (own database or key prefix).
export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts", "apps/*/e2e/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default"],
  },
});
